// Small helpers every route shares: errors in both languages, query validation, ETags.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import type { ApiError, BBox } from '../domain/api.ts';
import { isCalendarDate } from '../domain/progress.ts';

export function fail(c: Context, status: ContentfulStatusCode, code: string, message: string, messageEn: string, details?: unknown) {
  const body: ApiError = { error: { code, message, messageEn, ...(details === undefined ? {} : { details }) } };
  return c.json(body, status);
}

export class HttpError extends Error {
  constructor(readonly status: ContentfulStatusCode, readonly code: string, readonly zh: string, readonly en: string, readonly details?: unknown) {
    super(en);
  }
}

/** Validates `c.req.query()` against a strict schema; throws a 400 HttpError naming each bad parameter. */
export function query<S extends z.ZodTypeAny>(c: Context, schema: S): z.infer<S> {
  const r = schema.safeParse(c.req.query());
  if (r.success) return r.data;
  const list = describeIssues(r.error.issues);
  throw new HttpError(400, 'bad_query', `查询参数有误：${list}`, `invalid query parameters: ${list}`, r.error.issues);
}

/** "where: what" for each issue; unknown keys name themselves. */
function describeIssues(issues: z.core.$ZodIssue[]): string {
  return issues.map((i) => `${i.path.join('.') || ('keys' in i ? i.keys.join(',') : '(root)')}: ${i.message}`).join('; ');
}

/** Parses a JSON request body against a schema; 415/400 with the reason otherwise. */
export async function jsonBody<S extends z.ZodTypeAny>(c: Context, schema: S): Promise<z.infer<S>> {
  if (!/^application\/json\b/.test(c.req.header('Content-Type') ?? '')) {
    throw new HttpError(415, 'not_json', '请求体须为 JSON（Content-Type: application/json）', 'the request body must be JSON (Content-Type: application/json)');
  }
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw new HttpError(400, 'bad_json', '请求体不是有效的 JSON', 'the request body is not valid JSON');
  }
  return parseBody(raw, schema);
}

function parseBody<S extends z.ZodTypeAny>(raw: unknown, schema: S): z.infer<S> {
  const r = schema.safeParse(raw);
  if (r.success) return r.data;
  const list = describeIssues(r.error.issues);
  throw new HttpError(400, 'bad_body', `请求内容有误：${list}`, `invalid request body: ${list}`, r.error.issues);
}

/** Like jsonBody, for a body that may be left out: none (or an empty one) reads as `{}`. */
export async function optionalJsonBody<S extends z.ZodTypeAny>(c: Context, schema: S): Promise<z.infer<S>> {
  const text = await c.req.text(); // Hono keeps the body, so jsonBody can read it again
  return text.trim() === '' ? parseBody({}, schema) : jsonBody(c, schema);
}

export const bboxParam = z
  .string()
  .transform((s, ctx) => {
    const n = s.split(',').map((x) => (x.trim() === '' ? NaN : Number(x)));
    const ok = n.length === 4 && n.every(Number.isFinite) && n[0] <= n[2] && n[1] <= n[3] &&
      n[0] >= -180 && n[2] <= 180 && n[1] >= -90 && n[3] <= 90;
    if (!ok) {
      ctx.addIssue({ code: 'custom', message: 'bbox must be minLon,minLat,maxLon,maxLat (WGS84 degrees, min ≤ max)' });
      return z.NEVER;
    }
    return n as BBox;
  });

/** Who made a change, for the audit log: the X-User header (no sign-in yet), else "anonymous". */
export function actorOf(c: Context): string {
  let u = c.req.header('X-User')?.trim() ?? '';
  try {
    u = decodeURIComponent(u); // headers are Latin-1: Chinese names arrive percent-encoded
  } catch {
    return 'anonymous';
  }
  return /^[\p{L}\p{N}_.@ -]{1,64}$/u.test(u) ? u : 'anonymous';
}

export const idParam = z.string().min(1).max(64).regex(/^[A-Za-z0-9_.:-]+$/);

/** YYYY-MM-DD naming a real day. */
export const calendarDate = z.string().refine(isCalendarDate, { message: 'expected a date YYYY-MM-DD' });

/**
 * Answers 304 when the client's ETag for this URL matches `tag` (data version + boot id, so a
 * restarted server never serves stale shapes); else runs `build` and tags the answer.
 */
export function cached(c: Context, tag: string, build: () => unknown) {
  const etag = `W/"${tag}"`;
  c.header('ETag', etag);
  c.header('Cache-Control', 'no-cache');
  const inm = c.req.header('If-None-Match');
  if (inm && inm.split(',').some((t) => t.trim() === etag)) return c.body(null, 304);
  return c.json(build() as object);
}
