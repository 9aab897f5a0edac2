#!/bin/sh
# "case-audit working-days": sums over the shipped bank holidays, and refusals of bad input
# with a message on stderr and status 2.
. "$(dirname "$0")/cli-checks.sh"

wd="$binary working-days"

# --help lists the command; its own help says what it does.
if "$binary" --help | grep -q '^  working-days '; then pass "--help lists working-days"
else fail "--help does not list working-days"; fi
if $wd --help | grep -q 'between DATE1 DATE2'; then pass "working-days --help"
else fail "working-days --help says nothing of between"; fi

# Across Christmas 2021: 24 Dec works, 27 and 28 Dec are the substitute days, 3 Jan too.
prints 0 2021-12-23 -- $wd add 2021-12-23 0
prints 0 2021-12-24 -- $wd add 2021-12-23 1
prints 0 2021-12-29 -- $wd add 2021-12-23 2
prints 0 2021-12-30 -- $wd add 2021-12-23 3
prints 0 2022-01-04 -- $wd add 2021-12-23 5
# The one-off days of the official list, and a leap day.
prints 0 2020-05-11 -- $wd add 2020-05-07 1
prints 0 2022-06-06 -- $wd add 2022-06-01 1
prints 0 2022-09-20 -- $wd add 2022-09-16 1
prints 0 2023-05-09 -- $wd add 2023-05-05 1
prints 0 2024-02-29 -- $wd add 2024-02-28 1
# By rule past the list: Christmas 2032 falls on a Saturday.
prints 0 2032-12-29 -- $wd add 2032-12-24 1

prints 0 3 -- $wd between 2021-12-23 2021-12-30
prints 0 0 -- $wd between 2021-12-24 2021-12-28
prints 0 -3 -- $wd between 2021-12-30 2021-12-23
prints 0 253 -- $wd between 2020-12-31 2021-12-31
prints 0 250 -- $wd between 2021-12-31 2022-12-31

refuses 2 "“2023-02-30” is not a real date; write dates as YYYY-MM-DD." -- $wd add 2023-02-30 3
refuses 2 "“2023/02/01” is not a real date" -- $wd between 2023/02/01 2023-03-01
refuses 2 "“tomorrow” is not a real date" -- $wd between 2023-02-01 tomorrow
refuses 2 "“-3” is not a number of working days" -- $wd add 2023-02-01 -3
refuses 2 "“three” is not a number of working days" -- $wd add 2023-02-01 three
refuses 2 "“100001” is not a number of working days" -- $wd add 2023-02-01 100001
refuses 2 "give a date and a number of working days" -- $wd add 2023-02-01
refuses 2 "give two dates" -- $wd between 2023-02-01 2023-03-01 2023-04-01
refuses 2 "say what to count" -- $wd
refuses 2 "“subtract” is not something it can do" -- $wd subtract 2023-02-01 3

finish
