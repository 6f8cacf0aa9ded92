// The facility standards dialog (服务设施标准) in Chinese, the default. standards.en.ts must have the same shape.
import type { Confidence, LifeCircle } from '../../server/domain/facilities.ts';

const standardsZh = {
  open: '服务标准',
  openHint: '查看和修改各类服务设施的步行服务半径与步行速度',
  title: '服务设施标准',
  intro: '服务半径取自《城市居住区规划设计标准》GB 50180-2018；可为每类设施另设半径，留空即采用标准值。修改对所有用户生效，并记入操作日志。',
  close: '关闭',
  loading: '正在读取设置…',
  walkingSpeed: '步行速度（米/分钟）',
  walkingSpeedHint: '用于把服务半径换算为步行时间。',
  columns: {
    kind: '设施', level: '生活圈', standard: '标准半径', radius: '采用半径（米）', minutes: '步行时间',
    capacity: '配建需求', confidence: '可信度', source: '依据',
  },
  level: { '15min': '15 分钟', '10min': '10 分钟', '5min': '5 分钟', block: '居住街坊' } satisfies Record<LifeCircle, string>,
  metres: (m: string) => `${m} 米`,
  minutes: (m: string) => `${m} 分钟`,
  unset: '未规定',
  notAnalysed: '不分析',
  radiusLabel: (kind: string) => `${kind}的服务半径（米）`,
  perHousehold: (n: string) => `${n} 个/户`,
  capacityHint: '每户所需的学位、托位或床位数（设置项，用于容量缺口分析）。',
  confidence: {
    '✔': '✔ 已核实：在找到的标准原文摘录中见到此数值。',
    '◐': '◐ 未核实：按标准文件记述，但未找到原文摘录核对；只是可修改的默认设置，不是硬性规定。',
    '✖': '✖ 未找到出处：只是可修改的默认设置，不是硬性规定。',
  } satisfies Record<Confidence, string>,
  confidenceNote: '◐ 和 ✖ 表示未核实的数值：它们是可修改的默认设置，而不是硬性规定。',
  invalidRadius: (min: string, max: string) => `请输入 ${min}–${max} 之间的米数，或留空采用标准值`,
  invalidSpeed: (max: string) => `请输入大于 0、不超过 ${max} 的步行速度`,
  invalidSummary: '有输入不符合要求，改正后才能保存。',
  changed: (n: number) => `已修改 ${n} 项，尚未保存`,
  unchanged: '没有未保存的修改',
  save: '保存',
  saving: '正在保存…',
  reset: '恢复标准值',
  resetHint: '清除所有自设半径，全部采用标准值（保存后生效）',
  cancel: '取消',
  conflict: '设置已被他人修改，请重新载入',
  reload: '重新载入',
};

export type StandardsMessages = typeof standardsZh;
export default standardsZh;
