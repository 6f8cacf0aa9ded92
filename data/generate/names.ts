// Chinese names for the generated compounds, consistent with how they are managed:
// 'unit' (主管单位) → a work unit's dormitory, '{org}宿舍' (Jingdezhen's porcelain factories and
// bureaus), 'none' (三无) → a place name plus 小区/新村/里/巷/片区 (the place word of its
// 居委会 first, so names agree with the map), 'property' (物业) → an estate name, '{x}花园/苑…'.
import type { Rng } from './rng.ts';
import type { Management } from '../../server/domain/model.ts';
import type { Group } from './report.ts';

/** Porcelain factories and other works (their living quarters cluster in the factory quarter). */
const FACTORIES = [
  '人民瓷厂', '红星瓷厂', '宇宙瓷厂', '为民瓷厂', '红旗瓷厂', '东风瓷厂', '光明瓷厂', '新华瓷厂', '艺术瓷厂',
  '景兴瓷厂', '景德镇陶瓷厂', '建筑瓷厂', '雕塑瓷厂', '曙光瓷厂', '华电瓷厂', '焦化厂', '电厂', '陶瓷机械厂',
  '化纤厂', '水泥厂', '耐火材料厂', '瓷用化工厂', '华意压缩机厂', '602所', '昌河飞机厂', '玻璃厂', '造纸厂',
  '陶瓷印刷厂', '木器厂', '针织厂',
];
/** Bureaus, schools, hospitals, banks, utilities. */
const INSTITUTIONS = [
  '粮食局', '税务局', '邮电局', '供电局', '卫生局', '一中', '二中', '三中', '陶瓷学院', '人民医院', '中医院',
  '第二人民医院', '市政公司', '自来水公司', '煤气公司', '交通局', '公安局', '法院', '检察院', '财政局', '物资局',
  '商业局', '供销社', '百货公司', '五交化公司', '建行', '农行', '人行', '气象局', '林业局', '农业局', '文化局',
  '广电局', '陶研所', '轻工局', '二轻局', '建材局', '水利局', '劳动局', '民政局', '工商局', '外贸局',
];
/** Jingdezhen place words (used after the 居委会 words run out). */
const PLACES = [
  '里村', '竟成', '枫树山', '西郊', '昌江', '瓷都', '陶阳', '太白园', '三闾庙', '新厂', '樊家井', '黄泥头', '湖田',
  '杨梅亭', '苏家坂', '戴家弄', '程家', '毕家', '罗家', '刘家', '麻石', '南河', '西河', '沿江', '历尧', '官庄',
  '黎明', '古城', '二亭', '石岭', '凤凰', '青塘', '马鞍山', '观音阁', '董家岭', '陈家岭',
];
const NONE_SUFFIXES = ['小区', '新村', '里', '片区', '巷', '小区二期', '东区', '西区'];
const NEW_NONE_SUFFIXES = ['安置小区', '还建小区', '公租房小区', '保障房小区'];
const ESTATE_WORDS = [
  '金岸', '昌南', '御景', '锦绣', '翡翠', '阳光', '嘉和', '紫晶', '景湖', '江南', '滨江', '盛世', '华府', '尚城',
  '青花', '陶源', '如意', '枫林', '丽景', '天骄', '鑫源', '瑞景', '龙腾', '怡景', '金色', '东方', '名仕', '泰和',
  '凯旋', '万象', '碧水', '书香', '君悦', '山水', '瓷源', '福星', '荣华', '雍景', '香榭', '星河', '锦江', '世纪',
  '时代', '半岛', '海棠', '桂园', '玉兰', '金桂', '昌盛', '宏远', '华阳', '明珠',
];
const ESTATE_SUFFIXES = ['花园', '苑', '家园', '名都', '公寓', '华庭', '雅苑', '新城'];

export interface NameRequest {
  management: Management;
  group: Group;
  placeWord: string; // from the compound's 居委会
  factoryQuarter: boolean;
  preferred?: string; // a name to use if free (e.g. 金岸名都 for the 金岸名都社区 居委会)
}

export function makeNamer(rng: Rng, taken: Iterable<string>) {
  const used = new Set(taken);
  const factories = rng.shuffle(FACTORIES);
  const institutions = rng.shuffle(INSTITUTIONS);
  const places = rng.shuffle(PLACES);
  const estateWords = rng.shuffle(ESTATE_WORDS);
  const tryName = (n: string) => (used.has(n) ? null : (used.add(n), n));
  const org = (factoryFirst: boolean): string => {
    const lists = factoryFirst ? [factories, institutions] : rng.chance(0.7) ? [institutions, factories] : [factories, institutions];
    for (const list of lists) {
      while (list.length) {
        const o = list.shift() as string;
        if (!used.has(`${o}宿舍`)) return o;
      }
    }
    throw new Error('names: out of work units');
  };
  return (r: NameRequest): string => {
    if (r.preferred) {
      const n = tryName(r.preferred);
      if (n) return n;
    }
    if (r.management === 'unit') {
      const o = org(r.factoryQuarter);
      const suffix = /厂|所$/.test(o) && rng.chance(0.3) ? '生活区' : r.group === 'M' && rng.chance(0.4) ? '职工住宅' : '宿舍';
      const n = tryName(`${o}${suffix}`) ?? tryName(`${o}宿舍`);
      used.add(`${o}宿舍`); // one compound per work unit
      if (!n) throw new Error(`names: ${o} taken`);
      return n;
    }
    if (r.management === 'none') {
      const suffixes = r.group === 'N' ? NEW_NONE_SUFFIXES : NONE_SUFFIXES;
      const own = /名都|花园|苑$/.test(r.placeWord) ? [] : [r.placeWord]; // 金岸名都 is an estate, not a place
      for (const word of [...own, ...places]) {
        for (const s of rng.shuffle(suffixes).slice(0, 3)) {
          const n = tryName(`${word}${s}`);
          if (n) return n;
        }
      }
      throw new Error('names: out of place names');
    }
    // each estate word once while they last, then again with another suffix (锦绣花园, 锦绣家园)
    for (const word of [...estateWords, ...ESTATE_WORDS]) {
      for (const s of rng.shuffle(ESTATE_SUFFIXES)) {
        const n = tryName(`${word}${s}`);
        if (n) {
          const i = estateWords.indexOf(word);
          if (i >= 0) estateWords.splice(i, 1);
          return n;
        }
      }
    }
    throw new Error('names: out of estate names');
  };
}
