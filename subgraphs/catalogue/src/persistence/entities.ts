import { RulesReplicaRow } from '@hub/shared/rules/replication/rules-replica';
import { CatalogueAuditEntry } from '../audit/catalogue-audit-entry.entity.js';
import { CatalogueImport } from '../imports/catalogue-import.entity.js';
import { Price, PriceList } from '../price-lists/persistence/price-list.entity.js';
import { Product } from '../products/persistence/product.entity.js';

export const CATALOGUE_SCHEMA = 'catalogue';
export const catalogueEntities = [Product, PriceList, Price, CatalogueAuditEntry, CatalogueImport, RulesReplicaRow];
