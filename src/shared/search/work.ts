/**
 * Work a query does, counted as it is done: doc records decoded (first pass,
 * typo neighbours) and position bytes decoded (phrase checks). Counts, not
 * time, so bounds on them hold on any machine (rank.ts budgets).
 */
export const work = {
  records: 0,
  positionBytes: 0,
};
