/**
 * Strategic merge patch against the cases of apimachinery's strategicpatch test tables (our own
 * transcription of their expectations, on the same MergeItem struct): applying a patch, the
 * two-way and three-way diffs, the directives, list order, and the errors.
 */
import { describe, expect, it } from 'vitest';
import type { PatchMeta, PatchSchema } from '../../../src/engine/api/patch-meta.ts';
import {
  createThreeWayMergePatch,
  createTwoWayMergePatch,
  strategicMergeMapPatch,
  StrategicMergeError,
  type Json,
  type JsonMap,
} from '../../../src/engine/api/strategic-merge.ts';

/** The test package's MergeItem and RetainKeysMergeItem structs and their tags. */
const MERGE_ITEM: PatchSchema = {
  kind: 'custom',
  lookup: (key: string): PatchMeta => {
    const meta = (strategy: string, mergeKey: string, sub: PatchSchema, retainKeys = false): PatchMeta => ({ strategy, mergeKey, sub, retainKeys });
    switch (key) {
      case 'mergingList':
        return meta('merge', 'name', MERGE_ITEM);
      case 'nonMergingList':
        return meta('', '', MERGE_ITEM);
      case 'mergingIntList':
        return meta('merge', '', { kind: 'none' });
      case 'mergeItemPtr':
        return meta('merge', 'name', MERGE_ITEM);
      case 'replacingItem':
        return meta('replace', '', { kind: 'none' });
      case 'retainKeysMap':
        return meta('', '', RETAIN_KEYS_ITEM, true);
      case 'retainKeysMergingList':
        return meta('merge', 'name', MERGE_ITEM, true);
      default:
        return meta('', '', { kind: 'none' });
    }
  },
};
const RETAIN_KEYS_ITEM: PatchSchema = {
  kind: 'custom',
  lookup: (key: string): PatchMeta => MERGE_ITEM.kind === 'custom' ? MERGE_ITEM.lookup(key) : (undefined as never),
};

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const apply = (original: JsonMap, patch: JsonMap): JsonMap => strategicMergeMapPatch(clone(original), clone(patch), MERGE_ITEM);
const twoWay = (original: JsonMap, modified: JsonMap): JsonMap => createTwoWayMergePatch(clone(original), clone(modified), MERGE_ITEM);
const threeWay = (original: JsonMap, modified: JsonMap, current: JsonMap): JsonMap => createThreeWayMergePatch(clone(original), clone(modified), clone(current), MERGE_ITEM);

/** The Go tests' sortMergeListsByName: merging lists sorted by key, merging int lists sorted, for order-free comparison. */
function sortMergeLists(v: Json, schema: PatchSchema = MERGE_ITEM): Json {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
  const out: JsonMap = {};
  for (const [k, x] of Object.entries(v)) {
    if (k.startsWith('$retainKeys') || k.startsWith('$deleteFromPrimitiveList')) out[k] = [...(x as Json[])].sort((a, b) => String(a).localeCompare(String(b)));
    else if (k.startsWith('$')) out[k] = x;
    else {
      const meta = schema.kind === 'custom' ? schema.lookup(k) : undefined;
      if (Array.isArray(x) && meta?.strategy === 'merge') {
        const items = x.map((i) => sortMergeLists(i, meta.sub));
        out[k] = meta.mergeKey ? items.sort((a, b) => String((a as JsonMap)[meta.mergeKey]).localeCompare(String((b as JsonMap)[meta.mergeKey]))) : [...new Set(items)].sort((a, b) => String(a).localeCompare(String(b)));
      } else out[k] = meta ? sortMergeLists(x, meta.sub) : x;
    }
  }
  return out;
}

describe('applying a strategic merge patch (customStrategicMergePatch cases)', () => {
  it.each<[string, JsonMap, JsonMap, JsonMap]>([
    ['unique scalars when merging lists', { mergingIntList: [1, 2] }, { mergingIntList: [2, 3] }, { mergingIntList: [1, 2, 3] }],
    ['delete map from nested map', { simpleMap: { key1: 1, key2: 1 } }, { simpleMap: { $patch: 'delete' } }, { simpleMap: {} }],
    ['delete all items from merging list', { mergingList: [{ name: 1 }, { name: 2 }] }, { mergingList: [{ $patch: 'replace' }] }, { mergingList: [] }],
    ['merge empty merging lists', { mergingList: [] }, { mergingList: [] }, { mergingList: [] }],
    ['delete all keys from map', { name: 1, value: 1 }, { $patch: 'replace' }, {}],
    ['add key and delete all keys from map', { name: 1, value: 1 }, { other: 'a', $patch: 'replace' }, { other: 'a' }],
    [
      'delete all duplicate entries in a merging list',
      { mergingList: [{ name: 1 }, { name: 1 }, { name: 2, value: 'a' }, { name: 3 }, { name: 3 }] },
      { mergingList: [{ name: 1, $patch: 'delete' }, { name: 3, $patch: 'delete' }] },
      { mergingList: [{ name: 2, value: 'a' }] },
    ],
    ['retainKeys map can add a field when no retainKeys directive present', { retainKeysMap: { name: 'foo' } }, { retainKeysMap: { value: 'bar' } }, { retainKeysMap: { name: 'foo', value: 'bar' } }],
    ['retainKeys map can delete a field', { retainKeysMap: { name: 'foo', value: 'a' } }, { retainKeysMap: { value: null } }, { retainKeysMap: { name: 'foo' } }],
    ['retainKeys map merge an empty map', { retainKeysMap: { name: 'foo', value: 'a' } }, { retainKeysMap: {} }, { retainKeysMap: { name: 'foo', value: 'a' } }],
    [
      'retainKeys list can change a field when no retainKeys directive present',
      { retainKeysMergingList: [{ name: 'bar' }, { name: 'foo', value: 'a' }] },
      { retainKeysMergingList: [{ name: 'foo', value: 'b' }] },
      { retainKeysMergingList: [{ name: 'bar' }, { name: 'foo', value: 'b' }] },
    ],
    [
      'preserve the order from the patch in a merging list',
      { mergingList: [{ name: 1 }, { name: 2, value: 'b' }, { name: 3 }] },
      { mergingList: [{ name: 3, value: 'c' }, { name: 1, value: 'a' }, { name: 2, other: 'x' }] },
      { mergingList: [{ name: 3, value: 'c' }, { name: 1, value: 'a' }, { name: 2, value: 'b', other: 'x' }] },
    ],
    [
      'preserve the order from the patch in a merging list 2',
      { mergingList: [{ name: 1 }, { name: 2, value: 'b' }, { name: 3 }] },
      { mergingList: [{ name: 3, value: 'c' }, { name: 1, value: 'a' }] },
      { mergingList: [{ name: 2, value: 'b' }, { name: 3, value: 'c' }, { name: 1, value: 'a' }] },
    ],
    ['preserve the order from the patch in a merging int list', { mergingIntList: [1, 2, 3] }, { mergingIntList: [3, 1, 2] }, { mergingIntList: [3, 1, 2] }],
    ['preserve the order from the patch in a merging int list 2', { mergingIntList: [1, 2, 3] }, { mergingIntList: [3, 1] }, { mergingIntList: [2, 3, 1] }],
    [
      '$setElementOrder contains an item not present in the list to be merged',
      { mergingList: [{ name: 1 }, { name: 3 }] },
      { '$setElementOrder/mergingList': [{ name: 3 }, { name: 2 }, { name: 1 }], mergingList: [{ name: 3, value: 3 }, { name: 1, value: 1 }] },
      { mergingList: [{ name: 3, value: 3 }, { name: 1, value: 1 }] },
    ],
    ['$setElementOrder contains an item not present in the int list', { mergingIntList: [1, 3] }, { '$setElementOrder/mergingIntList': [3, 2, 1] }, { mergingIntList: [3, 1] }],
    ['$deleteFromPrimitiveList of a missing item adds nothing', { mergingIntList: [1, 2] }, { '$deleteFromPrimitiveList/mergingIntList': [3] }, { mergingIntList: [1, 2] }],
    ['$deleteFromPrimitiveList on an empty (null) list', { mergingIntList: null }, { '$deleteFromPrimitiveList/mergingIntList': [3] }, { mergingIntList: null }],
    ['$deleteFromPrimitiveList on a missing list adds no list', { foo: ['bar'] }, { '$deleteFromPrimitiveList/mergingIntList': [3] }, { foo: ['bar'] }],
    ['$deleteFromPrimitiveList deletes from a merging list', { mergingIntList: [1, 2, 3] }, { '$deleteFromPrimitiveList/mergingIntList': [2] }, { mergingIntList: [1, 3] }],
    ['$deleteFromPrimitiveList deletes from a list without merge strategy', { nonMergingIntList: [1, 2, 3] }, { '$deleteFromPrimitiveList/nonMergingIntList': [2] }, { nonMergingIntList: [1, 3] }],
  ])('%s', (_name, original, patch, expected) => {
    expect(apply(original, patch)).toEqual(expected);
  });

  it.each<[string, JsonMap, JsonMap, string]>([
    [
      'the order in $setElementOrder must match the patch list',
      { mergingList: [{ name: 1 }, { name: 3 }, { name: 2 }] },
      { '$setElementOrder/mergingList': [{ name: 1 }, { name: 2 }, { name: 3 }], mergingList: [{ name: 3, value: 3 }, { name: 1, value: 1 }] },
      "doesn't match",
    ],
    ['…for int lists too', { mergingIntList: [1, 3, 2] }, { '$setElementOrder/mergingIntList': [1, 2, 3], mergingIntList: [3, 1] }, "doesn't match"],
    ['a missing merge key', { mergingList: [{ name: 1, value: 'a' }] }, { mergingList: [{ value: 'b' }] }, 'map: map[value:b] does not contain declared merge key: name'],
    ['an unknown $patch in a map', { simpleMap: { a: 'b' } }, { simpleMap: { $patch: 'bogus' } }, 'unknown patch type: bogus in map: map[$patch:bogus]'],
    ['$patch: merge in a list', { mergingList: [{ name: 1 }] }, { mergingList: [{ $patch: 'merge' }] }, 'merging lists cannot yet be specified in the patch'],
    // mergeMap hands any $patch in a map to handleDirectiveInMergeMap, which knows only replace and delete.
    ['$patch: merge in a map', { simpleMap: { a: 'b' } }, { simpleMap: { $patch: 'merge', c: 'd' } }, 'unknown patch type: merge in map: map[$patch:merge c:d]'],
    ['$retainKeys must list every key the patch sets', { retainKeysMap: { name: 'a' } }, { retainKeysMap: { $retainKeys: ['name'], value: 'x' } }, 'invalid patch format of retainKeys'],
    ['a malformed $setElementOrder key', { mergingList: [] }, { $setElementOrderX: [] }, 'invalid patch format of setElementOrder list'],
  ])('refuses: %s', (_name, original, patch, message) => {
    expect(() => apply(original, patch)).toThrow(StrategicMergeError);
    expect(() => apply(original, patch)).toThrow(message);
  });

  it('a new item with no $setElementOrder goes before the live items it cannot be ordered against', () => {
    expect(apply({ mergingList: [{ name: 'a' }, { name: 'b' }] }, { mergingList: [{ name: 'c' }] })).toEqual({ mergingList: [{ name: 'c' }, { name: 'a' }, { name: 'b' }] });
    expect(apply({ mergingList: [{ name: 'a' }, { name: 'b' }] }, { mergingList: [{ name: 'b', value: 1 }, { name: 'c' }] })).toEqual({
      mergingList: [{ name: 'a' }, { name: 'b', value: 1 }, { name: 'c' }],
    });
    expect(apply({ mergingIntList: [1, 2] }, { mergingIntList: [3] })).toEqual({ mergingIntList: [3, 1, 2] });
  });

  it('null deletes a key; a null for a key the original lacks is dropped, also inside new values', () => {
    expect(apply({ a: 1, b: 2 }, { a: null, c: null })).toEqual({ b: 2 });
    expect(apply({}, { simpleMap: { x: '1', y: null } })).toEqual({ simpleMap: { x: '1' } });
  });

  it('directives inside a value the original lacks are dropped with what they mark', () => {
    // "nested patch merge with empty list": the $patch: delete item does not reach the object.
    expect(apply({ name: 'hi' }, { mergingList: [{ name: 'hello' }, { $patch: 'delete', name: 'doesntexist' }] })).toEqual({ name: 'hi', mergingList: [{ name: 'hello' }] });
    expect(apply({ a: 1 }, { simpleMap: { $patch: 'delete' } })).toEqual({ a: 1 });
  });

  it('$retainKeys clears the keys it does not list', () => {
    expect(apply({ retainKeysMap: { name: 'foo', value: 'a', other: 'b' } }, { retainKeysMap: { $retainKeys: ['name', 'value'], value: 'c' } })).toEqual({
      retainKeysMap: { name: 'foo', value: 'c' },
    });
  });

  it('$patch: replace inside a merging list replaces the list; a replace-strategy field is taken whole', () => {
    expect(apply({ mergingList: [{ name: 1, value: 'a' }, { name: 2 }] }, { mergingList: [{ name: 3 }, { $patch: 'replace' }] })).toEqual({ mergingList: [{ name: 3 }] });
    expect(apply({ replacingItem: { a: 1, b: 2 } }, { replacingItem: { c: 3 } })).toEqual({ replacingItem: { c: 3 } });
    expect(apply({ nonMergingList: [{ name: 1 }, { name: 2 }] }, { nonMergingList: [{ name: 3 }] })).toEqual({ nonMergingList: [{ name: 3 }] });
  });

  it('orders long lists too (Go sort.Stable past its 20-item insertion-sort blocks)', () => {
    const items = Array.from({ length: 45 }, (_, i) => ({ name: `n${String(i).padStart(2, '0')}` }));
    const reversed = [...items].reverse();
    expect(apply({ mergingList: items }, { '$setElementOrder/mergingList': reversed })).toEqual({ mergingList: reversed });
    const shuffled = items.map((_, i) => items[(i * 7) % 45]);
    const patch = { '$setElementOrder/mergingList': shuffled, mergingList: shuffled.filter((_, i) => i % 3 === 0).map((m) => ({ ...m, value: 'x' })) };
    expect((apply({ mergingList: items }, patch).mergingList as JsonMap[]).map((m) => m.name)).toEqual(shuffled.map((m) => m.name));
  });

  it('merging int lists are de-duplicated as the Go code does it', () => {
    expect(apply({ mergingIntList: [1, 2] }, { mergingIntList: [2, 2, 3] })).toEqual({ mergingIntList: [1, 2, 3] });
  });
});

interface CreateCase {
  name: string;
  original: JsonMap;
  modified: JsonMap;
  current: JsonMap;
  twoWay: JsonMap;
  threeWay: JsonMap;
  result: JsonMap;
  twoWayResult?: JsonMap;
  /** Raw cases: list order is compared as is. */
  ordered?: boolean;
}

const CREATE_CASES: CreateCase[] = [
  { name: 'nil original', original: {}, modified: { name: 1, value: 1 }, current: { name: 1, other: 'a' }, twoWay: { name: 1, value: 1 }, threeWay: { value: 1 }, result: { name: 1, value: 1, other: 'a' } },
  { name: 'nil patch', original: { name: 1 }, modified: { name: 1 }, current: { name: 1 }, twoWay: {}, threeWay: {}, result: { name: 1 } },
  { name: 'add field to map', original: { name: 1 }, modified: { name: 1, value: 1 }, current: { name: 1, other: 'a' }, twoWay: { value: 1 }, threeWay: { value: 1 }, result: { name: 1, value: 1, other: 'a' } },
  {
    name: 'add field to map with conflict',
    original: { name: 1 },
    modified: { name: 1, value: 1 },
    current: { name: 'a', other: 'a' },
    twoWay: { value: 1 },
    threeWay: { name: 1, value: 1 },
    result: { name: 1, value: 1, other: 'a' },
  },
  {
    name: 'add field and delete field from map',
    original: { name: 1 },
    modified: { value: 1 },
    current: { name: 1, other: 'a' },
    twoWay: { name: null, value: 1 },
    threeWay: { name: null, value: 1 },
    result: { value: 1, other: 'a' },
  },
  {
    name: 'delete field from nested map with conflict',
    original: { simpleMap: { key1: 1, key2: 1 } },
    modified: { simpleMap: { key1: 1 } },
    current: { simpleMap: { key1: 'a', key2: 1, other: 'a' } },
    twoWay: { simpleMap: { key2: null } },
    threeWay: { simpleMap: { key1: 1, key2: null } },
    result: { simpleMap: { key1: 1, other: 'a' } },
  },
  {
    name: 'add field and delete all fields from map with conflict',
    original: { name: 1, value: 1 },
    modified: { other: 'a' },
    current: { name: 1, value: 1, other: 'b' },
    twoWay: { name: null, value: null, other: 'a' },
    threeWay: { name: null, value: null, other: 'a' },
    result: { other: 'a' },
  },
  {
    name: 'replace list of scalars with conflict',
    original: { nonMergingIntList: [1, 2] },
    modified: { nonMergingIntList: [2, 3] },
    current: { nonMergingIntList: [1, 4] },
    twoWay: { nonMergingIntList: [2, 3] },
    threeWay: { nonMergingIntList: [2, 3] },
    result: { nonMergingIntList: [2, 3] },
  },
  {
    name: 'delete all maps from merging list with conflict',
    original: { mergingList: [{ name: 1 }, { name: 2 }] },
    modified: { mergingList: [] },
    current: { mergingList: [{ name: 1, other: 'a' }, { name: 2, other: 'b' }] },
    twoWay: { mergingList: [{ name: 1, $patch: 'delete' }, { name: 2, $patch: 'delete' }] },
    threeWay: { mergingList: [{ name: 1, $patch: 'delete' }, { name: 2, $patch: 'delete' }] },
    result: { mergingList: [] },
  },
  {
    name: 'delete all maps from empty merging list',
    original: { mergingList: [{ name: 1 }, { name: 2 }] },
    modified: { mergingList: [] },
    current: { mergingList: [] },
    twoWay: { mergingList: [{ name: 1, $patch: 'delete' }, { name: 2, $patch: 'delete' }] },
    threeWay: { mergingList: [{ name: 1, $patch: 'delete' }, { name: 2, $patch: 'delete' }] },
    result: { mergingList: [] },
  },
  { name: 'merge empty merging lists', original: { mergingList: [] }, modified: { mergingList: [] }, current: { mergingList: [] }, twoWay: {}, threeWay: {}, result: { mergingList: [] } },
  {
    name: 'defined null values should propagate overwrite current fields (with conflict)',
    original: { name: 2 },
    modified: { name: 1, value: 1, other: null },
    current: { name: 'a', other: 'a' },
    twoWay: { name: 1, value: 1, other: null },
    twoWayResult: { name: 1, value: 1 },
    threeWay: { name: 1, value: 1, other: null },
    result: { name: 1, value: 1 },
  },
  {
    name: 'retainKeys map with no change should not be present',
    original: { name: 'a', retainKeysMap: { name: 'foo' } },
    modified: { name: 'a', value: 'b', retainKeysMap: { name: 'foo' } },
    current: { name: 'a', other: 'c', retainKeysMap: { name: 'foo' } },
    twoWay: { value: 'b' },
    threeWay: { value: 'b' },
    result: { name: 'a', value: 'b', other: 'c', retainKeysMap: { name: 'foo' } },
  },
  // The raw cases, whose list order is part of the expectation.
  {
    name: 'nested patch merge with empty list',
    original: { name: 'hi' },
    current: { name: 'hi', mergingList: [{ name: 'hello2' }] },
    modified: { name: 'hi', mergingList: [{ name: 'hello' }, { $patch: 'delete', name: 'doesntexist' }] },
    twoWay: { mergingList: [{ name: 'hello' }, { $patch: 'delete', name: 'doesntexist' }] },
    threeWay: {
      '$setElementOrder/mergingList': [{ name: 'hello' }, { name: 'doesntexist' }],
      mergingList: [{ name: 'hello' }, { $patch: 'delete', name: 'doesntexist' }],
    },
    twoWayResult: { name: 'hi', mergingList: [{ name: 'hello' }] },
    result: { name: 'hi', mergingList: [{ name: 'hello' }, { name: 'hello2' }] },
    ordered: true,
  },
  {
    name: 'delete items in lists of scalars',
    original: { mergingIntList: [1, 2, 3] },
    modified: { mergingIntList: [1, 2] },
    current: { mergingIntList: [1, 2, 3, 4] },
    twoWay: { '$setElementOrder/mergingIntList': [1, 2], '$deleteFromPrimitiveList/mergingIntList': [3] },
    threeWay: { '$setElementOrder/mergingIntList': [1, 2], '$deleteFromPrimitiveList/mergingIntList': [3] },
    result: { mergingIntList: [1, 2, 4] },
    ordered: true,
  },
  {
    name: 'add and delete items in lists of scalars',
    original: { mergingIntList: [1, 2, 3] },
    modified: { mergingIntList: [1, 2, 4] },
    current: { mergingIntList: [1, 2, 3, 4] },
    twoWay: { '$setElementOrder/mergingIntList': [1, 2, 4], '$deleteFromPrimitiveList/mergingIntList': [3], mergingIntList: [4] },
    threeWay: { '$setElementOrder/mergingIntList': [1, 2, 4], '$deleteFromPrimitiveList/mergingIntList': [3] },
    result: { mergingIntList: [1, 2, 4] },
    ordered: true,
  },
  {
    name: 'merge lists of maps',
    original: { mergingList: [{ name: 1 }, { name: 2, value: 2 }] },
    modified: { mergingList: [{ name: 4, value: 4 }, { name: 1 }, { name: 2, value: 2 }, { name: 3, value: 3 }] },
    current: { mergingList: [{ name: 1, other: 'a' }, { name: 2, value: 2, other: 'b' }] },
    twoWay: { '$setElementOrder/mergingList': [{ name: 4 }, { name: 1 }, { name: 2 }, { name: 3 }], mergingList: [{ name: 4, value: 4 }, { name: 3, value: 3 }] },
    threeWay: { '$setElementOrder/mergingList': [{ name: 4 }, { name: 1 }, { name: 2 }, { name: 3 }], mergingList: [{ name: 4, value: 4 }, { name: 3, value: 3 }] },
    result: { mergingList: [{ name: 4, value: 4 }, { name: 1, other: 'a' }, { name: 2, value: 2, other: 'b' }, { name: 3, value: 3 }] },
    ordered: true,
  },
  {
    name: 'add field to map in merging list with conflict',
    original: { mergingList: [{ name: 1 }, { name: 2, value: 2 }] },
    modified: { mergingList: [{ name: 1, value: 1 }, { name: 2, value: 2 }] },
    current: { mergingList: [{ name: 1, other: 'a' }, { name: 3, value: 2, other: 'b' }] },
    twoWay: { '$setElementOrder/mergingList': [{ name: 1 }, { name: 2 }], mergingList: [{ name: 1, value: 1 }] },
    threeWay: { '$setElementOrder/mergingList': [{ name: 1 }, { name: 2 }], mergingList: [{ name: 1, value: 1 }, { name: 2, value: 2 }] },
    result: { mergingList: [{ name: 1, value: 1, other: 'a' }, { name: 2, value: 2 }, { name: 3, value: 2, other: 'b' }] },
    ordered: true,
  },
  {
    name: 'add an item that already exists in current object in merging list',
    original: { mergingList: [{ name: 1, value: 'a' }, { name: 2 }] },
    modified: { mergingList: [{ name: 1, value: 'a' }, { name: 2 }, { name: 3 }] },
    current: { mergingList: [{ name: 1, value: 'a', other: 'x' }, { name: 2 }, { name: 3 }] },
    twoWay: { '$setElementOrder/mergingList': [{ name: 1 }, { name: 2 }, { name: 3 }], mergingList: [{ name: 3 }] },
    threeWay: {},
    result: { mergingList: [{ name: 1, value: 'a', other: 'x' }, { name: 2 }, { name: 3 }] },
    ordered: true,
  },
  {
    name: 'delete missing map from merging list with conflict',
    original: { mergingList: [{ name: 1 }, { name: 2 }] },
    modified: { mergingList: [{ name: 2 }] },
    current: { mergingList: [{ name: 3, other: 'a' }] },
    twoWay: { '$setElementOrder/mergingList': [{ name: 2 }], mergingList: [{ name: 1, $patch: 'delete' }] },
    threeWay: { '$setElementOrder/mergingList': [{ name: 2 }], mergingList: [{ name: 2 }, { name: 1, $patch: 'delete' }] },
    result: { mergingList: [{ name: 2 }, { name: 3, other: 'a' }] },
    ordered: true,
  },
  {
    name: 'add map and delete map from merging list',
    original: { mergingList: [{ name: 1 }, { name: 2 }] },
    modified: { mergingList: [{ name: 2 }, { name: 3 }] },
    current: { mergingList: [{ name: 1 }, { name: 2, other: 'b' }, { name: 4, other: 'c' }] },
    twoWay: { '$setElementOrder/mergingList': [{ name: 2 }, { name: 3 }], mergingList: [{ name: 3 }, { name: 1, $patch: 'delete' }] },
    threeWay: { '$setElementOrder/mergingList': [{ name: 2 }, { name: 3 }], mergingList: [{ name: 3 }, { name: 1, $patch: 'delete' }] },
    // The Go code deletes in place and appends into the freed slot: the live order it then reads is 2, 4, 3.
    result: { mergingList: [{ name: 2, other: 'b' }, { name: 4, other: 'c' }, { name: 3 }] },
    ordered: true,
  },
  {
    name: 'add map and delete map from merging list with conflict',
    original: { mergingList: [{ name: 1 }, { name: 2 }] },
    modified: { mergingList: [{ name: 2 }, { name: 3 }] },
    current: { mergingList: [{ name: 1, other: 'a' }, { name: 4, other: 'c' }] },
    twoWay: { '$setElementOrder/mergingList': [{ name: 2 }, { name: 3 }], mergingList: [{ name: 3 }, { name: 1, $patch: 'delete' }] },
    threeWay: { '$setElementOrder/mergingList': [{ name: 2 }, { name: 3 }], mergingList: [{ name: 2 }, { name: 3 }, { name: 1, $patch: 'delete' }] },
    result: { mergingList: [{ name: 4, other: 'c' }, { name: 2 }, { name: 3 }] },
    ordered: true,
  },
  {
    name: 'delete missing field from map in merging list with conflict',
    original: { mergingList: [{ name: 1, value: 1 }, { name: 2, value: 2 }] },
    modified: { mergingList: [{ name: 1 }, { name: 2, value: 2 }] },
    current: { mergingList: [{ name: 1, other: 'a' }, { name: 2, other: 'b' }] },
    twoWay: { '$setElementOrder/mergingList': [{ name: 1 }, { name: 2 }], mergingList: [{ name: 1, value: null }] },
    threeWay: { '$setElementOrder/mergingList': [{ name: 1 }, { name: 2 }], mergingList: [{ name: 1, value: null }, { name: 2, value: 2 }] },
    result: { mergingList: [{ name: 1, other: 'a' }, { name: 2, value: 2, other: 'b' }] },
    ordered: true,
  },
  {
    name: 'replace non merging list nested in merging list',
    original: { mergingList: [{ name: 1, nonMergingList: [{ name: 1 }, { name: 2, value: 2 }] }, { name: 2 }] },
    modified: { mergingList: [{ name: 1, nonMergingList: [{ name: 1, value: 1 }] }, { name: 2 }] },
    current: { mergingList: [{ name: 1, other: 'a', nonMergingList: [{ name: 1 }, { name: 2, value: 2 }] }, { name: 2, other: 'b' }] },
    twoWay: { '$setElementOrder/mergingList': [{ name: 1 }, { name: 2 }], mergingList: [{ name: 1, nonMergingList: [{ name: 1, value: 1 }] }] },
    threeWay: { '$setElementOrder/mergingList': [{ name: 1 }, { name: 2 }], mergingList: [{ name: 1, nonMergingList: [{ name: 1, value: 1 }] }] },
    result: { mergingList: [{ name: 1, other: 'a', nonMergingList: [{ name: 1, value: 1 }] }, { name: 2, other: 'b' }] },
    ordered: true,
  },
];

describe('two-way and three-way patches (createStrategicMergePatch cases)', () => {
  for (const c of CREATE_CASES) {
    const norm = (v: JsonMap): Json => (c.ordered ? v : sortMergeLists(v));
    it(`${c.name}: the two-way patch, and applying it`, () => {
      expect(norm(twoWay(c.original, c.modified))).toEqual(norm(c.twoWay));
      expect(norm(apply(c.original, c.twoWay))).toEqual(norm(c.twoWayResult ?? c.modified));
    });
    it(`${c.name}: the three-way patch, and applying it to the current object`, () => {
      expect(norm(threeWay(c.original, c.modified, c.current))).toEqual(norm(c.threeWay));
      expect(norm(apply(c.current, c.threeWay))).toEqual(norm(c.result));
    });
  }

  it('builds $retainKeys for a retainKeys field that changed', () => {
    expect(twoWay({ retainKeysMap: { name: 'foo', value: 'a' } }, { retainKeysMap: { name: 'foo', other: 'b' } })).toEqual({
      retainKeysMap: { $retainKeys: ['name', 'other'], other: 'b', value: null },
    });
  });
});
