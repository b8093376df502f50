/**
 * A gateway stand-in for the crash test: records `usageRecordNo(0, 1, 2…)` into the journal at
 * INFERA_TEST_JOURNAL_DIR as fast as it can, with small segments so several are sealed, and prints
 * `RECORDED <n>` after every 500 completed `record()` calls, until it is killed. No database: the
 * test is the restarted process that ships. Run: `node --import tsx record-usage-forever.ts`.
 */
import { openUsageJournal } from "../usage-journal.js";
import { usageRecordNo } from "./usage-fixtures.js";

const journal = openUsageJournal({
  dir: process.env.INFERA_TEST_JOURNAL_DIR as string,
  maxSegmentBytes: 64 * 1024,
  maxSegmentAgeMs: 60_000,
});
for (let n = 0; ; n++) {
  journal.record(usageRecordNo(n));
  if ((n + 1) % 500 === 0) process.stdout.write(`RECORDED ${n + 1}\n`);
  // Let the event loop flush stdout now and then; the records themselves need no tick.
  if ((n + 1) % 5000 === 0) await new Promise((r) => setImmediate(r));
}
