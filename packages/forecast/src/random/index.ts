export { createRng, type Rng } from './rng';
export {
  digamma,
  inverseDigamma,
  inverseTrigamma,
  logGamma,
  trigamma,
} from './special';
export {
  negBinomialPmf,
  negBinomialQuantile,
  sampleGamma,
  sampleNegBinomial,
  sampleNormal,
  samplePoisson,
} from './distributions';
export { CountDistribution } from './count-distribution';
