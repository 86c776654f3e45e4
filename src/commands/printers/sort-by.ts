/**
 * `kubectl get --sort-by=PATH`, following kubectl's `cmd/get/sorter.go`: the first JSONPath value
 * of each object is compared by its kind (numbers, strings that both parse as quantities, other
 * strings); objects without the field sort first. The order is Go's unstable sort.Sort
 * (describe/go-sort.ts), whose result depends on the comparator's quirks (two objects without
 * the field are each "less" than the other). Non-quantity strings compare bytewise: the source
 * reads as natural order (sortorder.NaturalLess), but the real kubectl v1.31.9 puts `b10` before
 * `b9` and `b010` before `b09` (recorded in printers.golden.json), so we follow the binary.
 */
import { QuantityError, parseExactQuantity } from '../../engine/api/quantity.ts';
import { CustomColumnsError, relaxedJsonPath } from './custom-columns.ts';
import { JpEvaluator, JpExecError, NO_VALUE } from './jsonpath-eval.ts';
import { goSort } from './describe/go-sort.ts';
import { GoFloat } from './jsonpath-compare.ts';
import { JpParseError, parseJsonPath, type JpList } from './jsonpath-parser.ts';
import { compareGoStrings } from './selector.ts';

/** A sort kubectl refuses; `message` is kubectl's text after `error: `. */
export class SortError extends Error {}

type Kind = 'nil' | 'int' | 'float' | 'string' | 'bool' | 'map' | 'slice';

function kindOf(v: unknown): Kind {
  if (v === null || v === undefined || v === NO_VALUE) return 'nil';
  if (v instanceof GoFloat) return 'float';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  return Array.isArray(v) ? 'slice' : 'map';
}

const GO_TYPE: Record<Kind, string> = { nil: '<nil>', int: 'int64', float: 'float64', string: 'string', bool: 'bool', map: 'map[string]interface {}', slice: '[]interface {}' };

function quantityNano(s: string): bigint | undefined {
  try {
    return parseExactQuantity(s).nano;
  } catch (e) {
    if (e instanceof QuantityError) return undefined;
    throw e;
  }
}

/** sorter.go isLess for two values of an unstructured object (reflect.Interface kind). */
export function isLess(a: unknown, b: unknown): boolean {
  const ka = kindOf(a);
  const kb = kindOf(b);
  if (ka === 'nil' || kb === 'nil') return ka === 'nil' && kb !== 'nil';
  if (ka === 'int' || ka === 'float' || ka === 'string') {
    if (ka !== kb) throw new SortError('unsortable interface: interface');
    if (ka !== 'string') return num(a) < num(b);
    const qa = quantityNano(a as string);
    const qb = qa === undefined ? undefined : quantityNano(b as string);
    if (qa !== undefined && qb !== undefined) return qa < qb;
    return compareGoStrings(a as string, b as string) < 0;
  }
  throw new SortError(`unsortable type: ${GO_TYPE[ka]}`);
}

function num(v: unknown): number {
  return v instanceof GoFloat ? v.value : (v as number);
}

function parseField(field: string, wrap: (msg: string) => string): JpList {
  try {
    return parseJsonPath(field);
  } catch (e) {
    if (e instanceof JpParseError) throw new SortError(wrap(e.message));
    throw e;
  }
}

function firstValues(parser: JpList, obj: unknown): unknown[] {
  try {
    const results = new JpEvaluator(true).findResults(obj, parser.nodes);
    return results.length === 0 ? [] : results[0];
  } catch (e) {
    if (e instanceof JpExecError) throw new SortError(e.message);
    throw e;
  }
}

/** Which of kubectl's two sorters runs: rows of a server Table, or the items of a List. */
export type SortMode = 'table' | 'list';

/**
 * Sorts objects by a `--sort-by` path. `table` is the default-output path (TableSorter over each
 * resource type's rows, errors prefixed `sorting error:` on a bad template); `list` is the
 * SortingPrinter of the -o formats. Throws {@link SortError} with kubectl's message.
 * @returns a new array in kubectl's order
 */
export function sortObjects<T>(items: readonly T[], sortBy: string, objectOf: (item: T) => unknown, mode: SortMode): T[] {
  if (items.length === 0) return [];
  let field: string;
  try {
    field = relaxedJsonPath(sortBy);
  } catch (e) {
    if (!(e instanceof CustomColumnsError)) throw e;
    if (mode === 'list') throw new SortError(e.message);
    field = sortBy;
  }
  const parser = parseField(field, (msg) => (mode === 'table' ? `sorting error: ${msg}` : msg));
  const keyed = items.map((item) => ({ item, values: firstValues(parser, objectOf(item)) }));
  if (!keyed.some((k) => k.values.length > 0)) throw new SortError(`couldn't find any field with path ${JSON.stringify(field)} in the list of objects`);
  goSort(keyed, (x, y) => {
    if (x.values.length === 0) return true;
    if (y.values.length === 0) return false;
    return unsortableAsFatal(field, mode, () => isLess(x.values[0], y.values[0]));
  });
  return keyed.map((k) => k.item);
}

/**
 * kubectl exits through klog.Exitf when two values cannot be compared; we report the same text
 * as an error (without klog's timestamped header).
 */
function unsortableAsFatal(field: string, mode: SortMode, compare: () => boolean): boolean {
  try {
    return compare();
  } catch (e) {
    if (!(e instanceof SortError)) throw e;
    const holder = mode === 'table' ? '[][][]reflect.Value' : '*unstructured.Unstructured';
    throw new SortError(`Field ${field} in ${holder} is an unsortable type: interface, err: ${e.message}`);
  }
}
