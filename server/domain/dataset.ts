// Checks a data set needs beyond its schema: references and uniqueness across layers.
// Pure: returns problems in Chinese and English; the store refuses to import when any exist.
import { Dataset as DatasetSchema, type Dataset } from './model.ts';
import { PACKAGE_STATUS } from './model.ts';

export interface DatasetProblem {
  code: string;
  message: string; // zh-CN
  messageEn: string;
}

const MAX_LISTED = 5;
const list = (ids: string[]) => ids.slice(0, MAX_LISTED).join(', ') + (ids.length > MAX_LISTED ? ` …(+${ids.length - MAX_LISTED})` : '');

function duplicates(ids: string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const id of ids) (seen.has(id) ? dup : seen).add(id);
  return [...dup];
}

/** `statuses`: the workflow's codes in order (settings.progressStatuses; the default seven unless given). */
export function checkDataset(ds: Dataset, statuses: readonly string[] = PACKAGE_STATUS): DatasetProblem[] {
  const problems: DatasetProblem[] = [];
  const layers = {
    communities: ds.communities.features.map((f) => f.properties.id),
    roads: ds.roads.features.map((f) => f.properties.id),
    water: ds.water.features.map((f) => f.properties.id),
    pipes: ds.pipes.features.map((f) => f.properties.id),
    amenities: ds.amenities.features.map((f) => f.properties.id),
    boundaries: ds.boundaries.features.map((f) => f.properties.id),
    packages: ds.packages.map((p) => p.id),
  };
  if (layers.communities.length === 0) {
    problems.push({ code: 'empty', message: '数据集中没有小区', messageEn: 'the data set has no communities' });
  }
  for (const [layer, ids] of Object.entries(layers)) {
    const dup = duplicates(ids);
    if (dup.length) {
      problems.push({ code: 'duplicate_id', message: `${layer} 中有重复的编号：${list(dup)}`, messageEn: `duplicate ids in ${layer}: ${list(dup)}` });
    }
  }
  const known = new Set(layers.communities);
  const owner = new Map<string, string>();
  for (const p of ds.packages) {
    const missing = p.members.filter((m) => !known.has(m));
    if (missing.length) {
      problems.push({ code: 'unknown_member', message: `项目包 ${p.id} 引用了不存在的小区：${list(missing)}`, messageEn: `package ${p.id} names unknown communities: ${list(missing)}` });
    }
    for (const m of p.members) {
      const other = owner.get(m);
      if (other !== undefined && other !== p.id) {
        problems.push({ code: 'member_twice', message: `小区 ${m} 同时属于项目包 ${other} 和 ${p.id}`, messageEn: `community ${m} is in both packages ${other} and ${p.id}` });
      }
      owner.set(m, p.id);
    }
    const unknown = [...new Set(p.history.map((e) => e.status).filter((c) => !statuses.includes(c)))];
    if (unknown.length) {
      problems.push({
        code: 'unknown_status', message: `项目包 ${p.id} 的进度状态不在流程中：${list(unknown)}（流程：${statuses.join('、')}）`,
        messageEn: `package ${p.id} has statuses the workflow does not know: ${list(unknown)} (workflow: ${statuses.join(', ')})`,
      });
      continue;
    }
    for (let i = 1; i < p.history.length; i++) {
      const a = p.history[i - 1];
      const b = p.history[i];
      if (b.date < a.date || statuses.indexOf(b.status) < statuses.indexOf(a.status)) {
        problems.push({
          code: 'history_order',
          message: `项目包 ${p.id} 的进度记录顺序不对：${a.date} ${a.status} 之后是 ${b.date} ${b.status}`,
          messageEn: `package ${p.id} history goes backwards: ${a.date} ${a.status} then ${b.date} ${b.status}`,
        });
      }
    }
  }
  return problems;
}

/** Schema check then cross-layer checks; problems are listed, at most `limit` of them. */
export function parseDataset(raw: unknown, limit = 20, statuses: readonly string[] = PACKAGE_STATUS): { ok: true; data: Dataset } | { ok: false; problems: DatasetProblem[] } {
  const parsed = DatasetSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.slice(0, limit).map((i) => {
        const where = i.path.join('.') || '(root)';
        return { code: 'schema', message: `数据格式错误：${where}：${i.message}`, messageEn: `invalid data at ${where}: ${i.message}` };
      }),
    };
  }
  const problems = checkDataset(parsed.data, statuses);
  return problems.length ? { ok: false, problems: problems.slice(0, limit) } : { ok: true, data: parsed.data };
}
