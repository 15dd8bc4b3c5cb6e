// Declared in the shared package, where NATS permissions are derived from the same names.
export { fulfilmentSubjectsFor, type FulfilmentSubjects } from '@hub/shared/fulfilment/fulfilment-subjects';
