#!/bin/sh
# "case-audit agreement" (R-H4): the moderated audits of a generated year counted by an
# independent query, the kappas computed again here from the table the JSON gives, groups
# that add up to the whole, and bad input refused with status 2.
. "$(dirname "$0")/cli-checks.sh"

db="$folder/demo.db"
ag="$binary agreement"

expect 0 "^  agreement " -- "$binary" --help
expect 0 "--by=GROUP" -- $ag --help

expect 0 "Generated 1 year" -- "$binary" demo --years 1 --seed 5 --until 2026-10 --database "$db"

q () { sqlite3 "$db" "$1"; }
n_moderated=$(q "SELECT count(*) FROM moderation m JOIN audit a ON a.id = m.audit_id
                 WHERE m.moderated_on IS NOT NULL AND m.overall_grade IS NOT NULL
                 AND a.overall_grade IS NOT NULL")
n_inadequate_agreed=$(q "SELECT count(*) FROM moderation m JOIN audit a ON a.id = m.audit_id
                         WHERE m.moderated_on IS NOT NULL AND m.overall_grade = 'inadequate'
                         AND a.overall_grade = 'inadequate'")
# Submitted in working hours, so the month in UTC is England's month too.
n_september=$(q "SELECT count(*) FROM moderation m JOIN audit a ON a.id = m.audit_id
               WHERE m.moderated_on IS NOT NULL AND m.overall_grade IS NOT NULL
               AND a.overall_grade IS NOT NULL AND substr(a.submitted_at, 1, 7) = '2026-09'")
if [ "$n_moderated" -gt 100 ] && [ "$n_september" -gt 0 ]; then
  pass "the demonstration year has moderated audits ($n_moderated; $n_september from September)"
else
  fail "too few moderated audits to check: $n_moderated, $n_september"
fi

for by in "" month quarter auditor service-area; do
  if [ -n "$by" ]; then set -- --by "$by"; else set --; fi
  if $ag "$@" --json --database "$db" > "$folder/agreement-$by.json" 2>"$folder/stderr"; then
    pass "agreement $* --json"
  else
    fail "agreement $* --json: $(cat "$folder/stderr")"
  fi
done
set -- "$binary"

check=$(python3 - "$folder" "$n_moderated" "$n_inadequate_agreed" <<'PY'
import json, math, sys
folder, n_moderated, n_inadequate = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
problems = []

def kappa(table, kind):
    n = sum(map(sum, table))
    p = [[c / n for c in row] for row in table]
    rows = [sum(r) for r in p]
    cols = [sum(p[i][j] for i in range(4)) for j in range(4)]
    def w(i, j):
        d = abs(i - j) / 3
        return {"none": 1.0 if i == j else 0.0, "linear": 1 - d, "quadratic": 1 - d * d}[kind]
    po = sum(w(i, j) * p[i][j] for i in range(4) for j in range(4))
    pe = sum(w(i, j) * rows[i] * cols[j] for i in range(4) for j in range(4))
    k = (po - pe) / (1 - pe)
    wi = [sum(cols[j] * w(i, j) for j in range(4)) for i in range(4)]
    wj = [sum(rows[i] * w(i, j) for i in range(4)) for j in range(4)]
    s = sum(p[i][j] * (w(i, j) - (wi[i] + wj[j]) * (1 - k)) ** 2 for i in range(4) for j in range(4))
    var = max((s - (k - pe * (1 - k)) ** 2) / (n * (1 - pe) ** 2), 0)
    half = 1.959963984540054 * math.sqrt(var)
    return k, max(k - half, -1), min(k + half, 1)

def near(a, b):
    return a is not None and abs(a - b) <= 0.00006

def check_group(g, name):
    keys = ["ci_quadratic", "exact", "kappa", "kappa_linear", "kappa_quadratic", "key", "label",
            "pairs", "table", "within_one"]
    if sorted(g) != keys:
        problems.append("%s: members %s" % (name, sorted(g)))
        return
    t = g["table"]
    if len(t) != 4 or any(len(r) != 4 for r in t) or sum(map(sum, t)) != g["pairs"]:
        problems.append("%s: the table %s does not hold its %d pairs" % (name, t, g["pairs"]))
        return
    n = g["pairs"]
    exact = sum(t[i][i] for i in range(4))
    within = sum(t[i][j] for i in range(4) for j in range(4) if abs(i - j) <= 1)
    if not near(g["exact"], exact / n) or not near(g["within_one"], within / n):
        problems.append("%s: exact %s, within one %s" % (name, g["exact"], g["within_one"]))
    for member, kind in (("kappa", "none"), ("kappa_linear", "linear"), ("kappa_quadratic", "quadratic")):
        rows = [sum(r) for r in t]
        cols = [sum(t[i][j] for i in range(4)) for j in range(4)]
        single = any(rows[i] == n and cols[i] == n for i in range(4))
        if single:
            if g[member] is not None:
                problems.append("%s: %s is %s where one grade was used" % (name, member, g[member]))
            continue
        k, low, high = kappa(t, kind)
        if not near(g[member], k):
            problems.append("%s: %s %s, computed here %.4f" % (name, member, g[member], k))
        if kind == "quadratic" and not (near(g["ci_quadratic"][0], low) and near(g["ci_quadratic"][1], high)):
            problems.append("%s: ci %s, computed here [%.4f, %.4f]" % (name, g["ci_quadratic"], low, high))

whole = json.load(open(folder + "/agreement-.json"))
if [g["key"] for g in whole["groups"]] != ["all"]:
    problems.append("without --by, one group: %s" % [g["key"] for g in whole["groups"]])
all_group = whole["groups"][0]
check_group(all_group, "all")
if all_group["pairs"] != n_moderated:
    problems.append("all: %d pairs, the database has %d" % (all_group["pairs"], n_moderated))
if all_group["table"][3][3] != n_inadequate:
    problems.append("all: %d agreed Inadequate, the database has %d" % (all_group["table"][3][3], n_inadequate))
for by in ("month", "quarter", "auditor", "service-area"):
    groups = json.load(open(folder + "/agreement-%s.json" % by))["groups"]
    for g in groups:
        check_group(g, "%s %s" % (by, g["key"]))
    total = [[sum(g["table"][i][j] for g in groups) for j in range(4)] for i in range(4)]
    if total != all_group["table"]:
        problems.append("--by %s: the groups add up to %s, not %s" % (by, total, all_group["table"]))
    keys = [g["key"] for g in groups]
    if by in ("month", "quarter") and keys != sorted(keys):
        problems.append("--by %s: not in time order: %s" % (by, keys))
    if len(set(keys)) != len(keys):
        problems.append("--by %s: a key twice: %s" % (by, keys))
print("; ".join(problems) if problems else "ok")
PY
)
if [ "$check" = ok ]; then pass "the JSON's figures, computed again from its tables"; else fail "$check"; fi

# One month: what the database holds for it.
month_pairs=$($ag --from 2026-09 --to 2026-09 --json --database "$db" |
              python3 -c 'import json,sys; print(json.load(sys.stdin)["groups"][0]["pairs"])')
if [ "$month_pairs" = "$n_september" ]; then
  pass "--from 2026-09 --to 2026-09 counts September's $n_september"
else
  fail "--from 2026-09 --to 2026-09 counts $month_pairs, the database has $n_september"
fi

expect 0 "Moderators agreed exactly with the auditor on " -- $ag --database "$db"
expect 0 "Auditor ↓ / moderator →" -- $ag --by quarter --database "$db"

# Before any moderation: a clear sentence, and null rather than a division by nought.
prints 0 "All moderated audits
  Kappa —, linear-weighted —, quadratic-weighted —
  Not enough moderated audits: agreement needs at least one audit graded by both its auditor and a moderator." -- $ag --to 2020-01 --database "$db"
prints 0 '{
  "groups" : [
    {
      "key" : "all",
      "label" : "All moderated audits",
      "pairs" : 0,
      "exact" : null,
      "within_one" : null,
      "kappa" : null,
      "kappa_linear" : null,
      "kappa_quadratic" : null,
      "ci_quadratic" : null,
      "table" : [
        [
          0,
          0,
          0,
          0
        ],
        [
          0,
          0,
          0,
          0
        ],
        [
          0,
          0,
          0,
          0
        ],
        [
          0,
          0,
          0,
          0
        ]
      ]
    }
  ]
}' -- $ag --to 2020-01 --json --database "$db"
prints 0 '{
  "groups" : []
}' -- $ag --by month --to 2020-01 --json --database "$db"

refuses 2 "“2026-13” is not a month; write it as YYYY-MM" -- $ag --from 2026-13 --database "$db"
refuses 2 "“October” is not a month" -- $ag --to October --database "$db"
refuses 2 "--from 2026-10 is after --to 2026-09" -- $ag --from 2026-10 --to 2026-09 --database "$db"
refuses 2 "--by takes month, quarter, auditor, service-area or section, not “week”" -- $ag --by week --database "$db"

# Each section that both graded (R-H4), in the Stage 1 tool's order, its pairs those the
# database holds.
n_assessment=$(sqlite3 "$db" "SELECT count(*) FROM moderation m JOIN moderation_section ms
  ON ms.moderation_id = m.id JOIN audit_section s ON s.audit_id = m.audit_id
  AND s.section_id = ms.section_id WHERE m.moderated_on IS NOT NULL
  AND ms.grade IS NOT NULL AND s.grade IS NOT NULL AND ms.section_id = 'assessment'")
prints 0 "assessment $n_assessment
planning
intervention
review
reflection-supervision" -- sh -c "$ag --by section --json --database '$db' | python3 -c '
import json, sys
for i, g in enumerate(json.load(sys.stdin)[\"groups\"]):
    print(g[\"key\"], g[\"pairs\"]) if i == 0 else print(g[\"key\"])'"
expect 0 "^Assessment$" -- $ag --by section --database "$db"
refuses 2 "unexpected “extra”" -- $ag extra --database "$db"
refuses 1 "There is no database" -- $ag --database "$folder/absent.db"

finish
