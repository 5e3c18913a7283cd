import type { PostInput } from '../types';
import type { InputItem, ReadOptions } from './types';
import { DEFAULT_MAX_BYTES, overLimit } from './decode';
import { ALT_TEXT_NAMES, DATE_NAMES, findName, IMAGE_NAMES, joinFields, metaValue, MISSING_ALT_TEXT, NETWORK_NAMES, normalizeName, PUBLISHED_NAMES } from './fields';

/** One post out of one JSON object (a JSON Lines line or an element of a JSON array). */

export const DEFAULT_TEXT_FIELD = 'text';
export const DEFAULT_ID_FIELD = 'id';

/** Where the object sits in its file: a label for errors ("line 12"), the id to use when the object has none, and the meta that says where. */
export interface RecordPlace {
  label: string;
  id: string;
  meta: Record<string, string | number>;
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Follows a dotted path ("content.text"); a key that itself contains dots is tried first. */
export function fieldAt(object: JsonObject, path: string): unknown {
  if (path in object) return object[path];
  let value: unknown = object;
  for (const key of path.split('.')) {
    if (!isObject(value)) return undefined;
    value = value[key];
  }
  return value;
}

/** Scheduled date and network, from whatever the exporting tool called them. */
function scheduleMeta(object: JsonObject): Record<string, string | number> {
  const keys = Object.keys(object);
  const meta: Record<string, string | number> = {};
  const date = findName(keys, DATE_NAMES);
  const network = findName(keys, NETWORK_NAMES);
  const dateValue = date === -1 ? undefined : metaValue(object[keys[date]!]);
  const networkValue = network === -1 ? undefined : metaValue(object[keys[network]!]);
  if (dateValue !== undefined) meta.date = dateValue;
  if (networkValue !== undefined) meta.network = networkValue;
  return meta;
}

/** The object's other published fields (title, link, alt text, first comment, the config's fields) that hold text. */
function publishedParts(object: JsonObject, textField: string, extra: string[]): Array<{ name: string; value: string }> {
  const keys = Object.keys(object).filter((k) => k !== textField);
  const named = PUBLISHED_NAMES.map((names) => findName(keys, names)).filter((i) => i !== -1).map((i) => keys[i]!);
  const wanted = new Set(extra.map(normalizeName));
  const picked = [...new Set([...named, ...keys.filter((k) => wanted.has(normalizeName(k)))])];
  const dotted = extra.filter((path) => path.includes('.') && !picked.includes(path));
  return [...picked, ...dotted].flatMap((name) => {
    const value = fieldAt(object, name);
    return typeof value === 'string' ? [{ name, value }] : [];
  });
}

function missingAltText(object: JsonObject): boolean {
  const keys = Object.keys(object);
  const image = findName(keys, IMAGE_NAMES);
  const alt = findName(keys, ALT_TEXT_NAMES);
  const has = (i: number): boolean => {
    const value = i === -1 ? undefined : object[keys[i]!];
    return Array.isArray(value) ? value.length > 0 : typeof value === 'string' ? value.trim() !== '' : value !== undefined && value !== null && value !== false;
  };
  return has(image) && !has(alt);
}

export function postFromObject(source: string, value: unknown, place: RecordPlace, options: ReadOptions): InputItem {
  const textField = options.textField ?? DEFAULT_TEXT_FIELD;
  const fail = (problem: string): InputItem => ({ error: { source, message: `${place.label}: ${problem}` } });
  if (!isObject(value)) return fail(`expected an object with a "${textField}" field`);
  const text = fieldAt(value, textField);
  if (text === undefined) return fail(`no "${textField}" field (choose the field with --text-field)`);
  if (typeof text !== 'string') return fail(`"${textField}" is not a string`);
  if (text.trim().length === 0) return fail('empty post (no text to screen)');
  const joined = joinFields([{ name: textField, value: text }, ...publishedParts(value, textField, options.fields ?? [])]);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const size = Buffer.byteLength(joined.text);
  if (size > maxBytes) return fail(overLimit(size, maxBytes, 'post'));
  const id = metaValue(fieldAt(value, options.idField ?? DEFAULT_ID_FIELD));
  const meta = { ...place.meta, ...scheduleMeta(value) };
  const post: PostInput = {
    source,
    id: id === undefined ? place.id : String(id),
    text: joined.text,
    ...(Object.keys(meta).length ? { meta } : {}),
    ...(joined.fields.length ? { fields: joined.fields } : {}),
    ...(missingAltText(value) ? { notes: [MISSING_ALT_TEXT] } : {}),
  };
  return { post };
}
