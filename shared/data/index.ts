export { MISSING_MARKERS, parseNumber, type ReadOptions, readCsvText } from './csv';
export * from './dataset';
export {
  type DesignRequest,
  matchingRows,
  type PreparedDesign,
  prepareDesign,
  type RowFilter,
} from './design';
export { DataError, type DataLocation } from './errors';
