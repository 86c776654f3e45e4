/**
 * kubectl output formatting: tables (`get`, `-o wide`), `-o yaml`, `-o json`, `-o jsonpath`,
 * `-o name`, and the AGE-style durations they use.
 */
export { humanDuration, shortHumanDuration, translateTimestampSince } from './age.ts';
export { renderTable, sanitizeCell, type RenderTableOptions } from './table.ts';
export { alignTabs, KUBECTL_TABWRITER, type TabwriterOptions } from './tabwriter.ts';
export { tableFor, canonicalResource, type TableData, type TableForOptions } from './columns.ts';
export { toYaml, listWrapper, type KubectlList } from './yaml.ts';
export { toJson, goJsonCompact } from './json.ts';
export { renderJsonPath, JsonPathError, type JsonPathOptions } from './jsonpath.ts';
export { formatName, renderNames, kindGroup, groupOf } from './name.ts';
export { formatLabels, formatLabelSelector, labelSelectorString } from './selector.ts';
