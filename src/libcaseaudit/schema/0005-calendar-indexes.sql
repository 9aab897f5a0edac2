-- Schema version 5: indexes for the Calendar view (R-C3) and the deadline list.
-- Both read what falls due between two days by its due column; without these a month of a
-- ten-year database reads every audit, response and moderation. (action.due_date has its
-- index since version 1.)
CREATE INDEX audit_due_date ON audit (due_date);
CREATE INDEX audit_review_due_at ON audit (review_due_at);
CREATE INDEX manager_response_due_date ON manager_response (due_date);
CREATE INDEX moderation_due_date ON moderation (due_date);
