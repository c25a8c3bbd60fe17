// The problems a review of the new snapshot flags that the old one did not
// (new), and those it no longer flags (resolved), by their stable ids.
import type { Problem, ProblemsReport } from '../problems-types.js';

export interface ProblemsDelta {
  new: Problem[];
  /** the old snapshot's problems gone from the new one */
  resolved: Problem[];
}

export function problemsDelta(before: ProblemsReport, after: ProblemsReport, keep: (problem: Problem) => boolean = () => true): ProblemsDelta {
  const oldIds = new Set(before.problems.map((problem) => problem.id));
  const newIds = new Set(after.problems.map((problem) => problem.id));
  return {
    new: after.problems.filter((problem) => !oldIds.has(problem.id) && keep(problem)),
    resolved: before.problems.filter((problem) => !newIds.has(problem.id) && keep(problem)),
  };
}
