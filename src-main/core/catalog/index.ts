/** The local catalogue (issue 4): appliers for sync, and the showcase's queries. */
export { catalogAppliers, catalogEntities, createCatalogAppliers, type CatalogApplierOptions } from './appliers';
export { searchCatalog, type CatalogPage, type CatalogRequest } from './search';
export { readProductDetail } from './product';
export { readBudgetSummary } from './budget';
export { queryWords, foldForSearch, nameSortKey } from './text';
