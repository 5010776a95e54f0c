/** The library page's model: what is kept of each item, and filtering and sorting all of them. */
export { toEntry, type LibraryEntry } from './entry';
export {
  Library,
  SORTS,
  type Facet,
  type Facets,
  type LibraryFilters,
  type LibrarySort,
} from './browse';
