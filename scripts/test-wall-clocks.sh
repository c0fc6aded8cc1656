#!/usr/bin/env bash
# No test may depend on the wall clock, the time zone or the day of the week: the routine's tests (process paths,
# workers end to end, the service end to end, the hand-picked outage timelines) run again with the machine's clock
# faked (libfaketime; the clock starts at the given instant and runs) in different time zones.
set -euo pipefail
cd "$(dirname "$0")/.."
TESTS=(test/process test/workers/e2e.int.test.ts test/service/onduty/OnDutySchedule.test.ts test/service/web/endToEnd.int.test.ts)
[ -f test/timelines/handpicked.test.ts ] && TESTS+=(test/timelines/handpicked.test.ts)
# instant (local time in the zone) | time zone | what it is
CLOCKS=(
  "2026-11-24 10:40:00|Europe/Stockholm|en tisdag kl. 10.40 (kontorstid)"
  "2026-11-28 02:00:00|UTC|en lördag kl. 03.00 svensk tid"
  "2026-06-19 01:00:00|America/Los_Angeles|midsommarafton kl. 10.00 svensk tid"
  "2026-03-29 01:59:30|Europe/Stockholm|natten då sommartiden börjar (02.00 → 03.00)"
)
for clock in "${CLOCKS[@]}"; do
  IFS='|' read -r instant zone what <<<"$clock"
  echo "== tester med väggklockan på $what ($instant i $zone)"
  # monotonic time stays real, so timeouts and timers of the test processes behave
  FAKETIME_DONT_FAKE_MONOTONIC=1 TZ="$zone" faketime -f "@$instant" npx jest --ci "${TESTS[@]}"
done
