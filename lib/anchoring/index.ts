export {
  type AnchorMethod,
  type AnchorOptions,
  type AnchorResult,
  type OrphanReason,
  type StoredAnchor,
  anchor,
  anchorAll,
  anchorMethods,
  orphanReasons,
} from "./anchor";
export { PreparedText, prepareText } from "./prepared-text";
