import { EnvironmentError } from '@hub/shared/env';
import { readDeEnv } from './env.js';

describe('readDeEnv', () => {
  it("reads region-de's settings with working defaults", () => {
    const defaults = readDeEnv({});
    expect(defaults).toMatchObject({ PORT: 4003, DE_DISTANCE_SALES_PREVIOUS_YEAR_CENTS: 0, DE_OSS_DESTINATION_TAXATION: false });
    expect(defaults.DE_IOSS_NUMBER).toBeUndefined();
    expect(readDeEnv({ DE_OSS_DESTINATION_TAXATION: 'true', DE_IOSS_NUMBER: 'IM2760000001' })).toMatchObject({
      DE_OSS_DESTINATION_TAXATION: true,
      DE_IOSS_NUMBER: 'IM2760000001',
    });
  });

  it("reports the shared and region-de's problems together", () => {
    const read = () => readDeEnv({ PORT: 'eighty', DE_IOSS_NUMBER: 'IOSS-1' });
    expect(read).toThrow(EnvironmentError);
    try {
      read();
    } catch (error) {
      expect((error as EnvironmentError).problems.map((problem) => problem.split(':')[0])).toEqual(['PORT', 'DE_IOSS_NUMBER']);
    }
  });
});
