// npm run regionalize -- --in FILE.geojson --threshold-field FIELD --min N [--attrs a,b]
//   [--contiguity queen|rook|gap] [--tolerance M] [--seed S] [--out OUT.json]
//
// Max-p regionalization of a polygon layer from the command line. Prints one JSON line:
// {"n","p","unassigned","objective","ms"}: objective is the sum over regions of the L1 distances
// between member pairs on the --attrs values as given; ms covers building the neighbour graph and
// solving, not reading the file. --out writes the region of each feature (-1: none) as a JSON array.
// Bad arguments, an unreadable file or a missing field: a message on stderr and exit code 2.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { z } from 'zod';
import { polygonContiguity } from '../server/analysis/contiguity.ts';
import type { Graph } from '../server/analysis/csr.ts';
import { maxP } from '../server/analysis/maxp.ts';
import { gapGraph } from '../server/analysis/neighbours.ts';

const USAGE = 'usage: npm run regionalize -- --in FILE.geojson --threshold-field FIELD --min N [--attrs a,b] [--contiguity queen|rook|gap] [--tolerance M] [--seed S] [--out OUT.json]';

class UsageError extends Error {}

const number = (name: string) =>
  z.string({ error: `${name} is required` }).trim().min(1, `${name} needs a value`).transform((s, ctx) => {
    const v = Number(s);
    if (!Number.isFinite(v)) ctx.addIssue({ code: 'custom', message: `${name} must be a number, got "${s}"` });
    return v;
  });

const Args = z
  .object({
    in: z.string({ error: '--in FILE.geojson is required' }).min(1, '--in needs a file name'),
    'threshold-field': z.string({ error: '--threshold-field FIELD is required' }).min(1, '--threshold-field needs a field name'),
    min: number('--min N').pipe(z.number().positive('--min must be > 0')),
    attrs: z
      .string()
      .optional()
      .transform((s) => (s === undefined ? [] : s.split(',').map((a) => a.trim())))
      .refine((a) => a.every((x) => x.length > 0), '--attrs must be a comma-separated list of field names'),
    contiguity: z.enum(['queen', 'rook', 'gap'], { error: '--contiguity must be queen, rook or gap' }).default('queen'),
    tolerance: number('--tolerance').pipe(z.number().min(0, '--tolerance must be ≥ 0 m')).optional(),
    seed: number('--seed').pipe(z.number().int('--seed must be an integer')).default(0),
    out: z.string().min(1, '--out needs a file name').optional(),
  })
  .refine((a) => a.tolerance === undefined || a.contiguity === 'gap', { message: '--tolerance applies to --contiguity gap only' });

const Collection = z.object({
  type: z.literal('FeatureCollection', { error: 'the file is not a GeoJSON FeatureCollection' }),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      geometry: z.object({ type: z.enum(['Polygon', 'MultiPolygon'], { error: 'every feature must be a Polygon or MultiPolygon' }) }).passthrough(),
      properties: z.record(z.string(), z.unknown()).nullable(),
    }).passthrough(),
  ).min(1, 'the file has no features'),
});

function parse(argv: string[]) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        in: { type: 'string' }, 'threshold-field': { type: 'string' }, min: { type: 'string' }, attrs: { type: 'string' },
        contiguity: { type: 'string' }, tolerance: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const r = Args.safeParse(values);
  if (!r.success) throw new UsageError(r.error.issues.map((i) => i.message).join('; '));
  return r.data;
}

/** One finite number per feature from properties[field], or a message naming the first bad feature. */
function column(features: { properties: Record<string, unknown> | null }[], field: string): Float64Array {
  const out = new Float64Array(features.length);
  features.forEach((f, i) => {
    const v = f.properties?.[field];
    if (v === undefined || v === null) throw new UsageError(`feature ${i} has no field "${field}"`);
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new UsageError(`feature ${i}: "${field}" is ${JSON.stringify(v)}, not a finite number`);
    out[i] = v;
  });
  return out;
}

function main(argv: string[]): void {
  const args = parse(argv);
  let text: string;
  try {
    text = readFileSync(args.in, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${args.in}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${args.in} is not JSON: ${(e as Error).message}`);
  }
  const fc = Collection.safeParse(json);
  if (!fc.success) throw new UsageError(`${args.in}: ${fc.error.issues[0].message} (at ${fc.error.issues[0].path.join('.') || 'top level'})`);
  const features = fc.data.features;
  const weight = column(features, args['threshold-field']);
  for (let i = 0; i < weight.length; i++) if (weight[i] < 0) throw new UsageError(`feature ${i}: "${args['threshold-field']}" is negative (${weight[i]})`);
  const k = args.attrs.length;
  const attrs = new Float64Array(features.length * k);
  args.attrs.forEach((name, t) => column(features, name).forEach((v, i) => (attrs[i * k + t] = v)));

  const t0 = performance.now();
  const polys = features as unknown as Feature<Polygon | MultiPolygon>[];
  let graph: Graph;
  try {
    graph = args.contiguity === 'gap'
      ? gapGraph({ features: polys, toleranceM: args.tolerance, sameSubdistrict: false }).graph
      : polygonContiguity(polys, args.contiguity);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const res = maxP({ graph, weight, threshold: args.min, attrs, k, seed: args.seed });
  const ms = performance.now() - t0;
  if (args.out) {
    try {
      writeFileSync(args.out, JSON.stringify(Array.from(res.labels)));
    } catch (e) {
      throw new UsageError(`cannot write ${args.out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }
  process.stdout.write(JSON.stringify({ n: graph.n, p: res.p, unassigned: res.unassigned, objective: res.objective, ms: Math.round(ms * 10) / 10 }) + '\n');
}

try {
  main(process.argv.slice(2));
} catch (e) {
  if (!(e instanceof UsageError)) throw e;
  process.stderr.write(`regionalize: ${e.message}\n${USAGE}\n`);
  process.exitCode = 2;
}
