/**
 * Review findings beside the rows they concern: `useFindings(type, id, refreshKey)` fetches core's review of a
 * stored record (GET /reviews/{type}/{id}) with the findings grouped by the stored row they point to;
 * `<RowFindings findings={byRow.get(rowId)} />` is the badge beside a row (hover for the messages);
 * `<FindingsPanel>` the summary bar, the list (click: to the row) and the reviewer's decision.
 */
export * from "./api.ts";
export { FindingsPanel, type FindingsPanelProps } from "./FindingsPanel.tsx";
export { FindingList, findingKey, findingText, RowFindings, SeverityIcon, worst } from "./RowFindings.tsx";
export { type Findings, useFindings } from "./useFindings.ts";
