import { PersonalDataAccessLog } from '@hub/shared/region/personal-data.access-log.entity';
import { DeMarketingConsentEvent } from '../consent/de-marketing-consent-event.entity.js';
import { DePrivacyLog } from '../erasure/de-privacy-log.entity.js';
import { DeRestrictedInvoiceData } from '../erasure/de-restricted-invoice-data.entity.js';
import { DeOrderContact } from '../orders/de-order-contact.entity.js';
import { DeProcessingRestriction } from '../restriction/de-processing-restriction.entity.js';
import { DeSupportCase } from '../support/de-support-case.entity.js';
import { DeOrderVat } from '../vat/de-order-vat.entity.js';

/** region-de's own tables, beside the shared regional ones. */
export const deEntities = [
  DeOrderContact,
  DeOrderVat,
  DeSupportCase,
  PersonalDataAccessLog,
  DeMarketingConsentEvent,
  DeRestrictedInvoiceData,
  DePrivacyLog,
  DeProcessingRestriction,
];
