export {
  scoreDropForecast,
  summarizeDropScores,
  type DropScore,
  type DropScoreSummary,
} from './drop-score';
export { PooledRatioBaseline } from './pooled-baseline';
export {
  replayDrops,
  type BacktestDrop,
  type DropReplayOptions,
  type DropReplayResult,
  type MethodFigures,
  type MomentFigures,
  type PlanScore,
} from './drop-replay';
