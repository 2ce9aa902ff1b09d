/**
 * Demo data for the local stack: the district's 2022 as its trading centre reported it (31
 * government-procurement projects, 成交金额 3455.14万元, 节约资金 275.8万元, target 50), three land-use
 * rights transfers, and two tenders in progress this year — every step played through the use cases,
 * never written to the table directly, so the audit chains, notices and report counters are real.
 */

import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { createDeps } from '../../shared/adapters/deps';
import { createS3Client } from '../../shared/adapters/s3/document-store';
import { provideS3DocumentStore } from '../../shared/adapters/s3/provide';
import { ENV } from '../../shared/config/env';
import type { Clock } from '../../shared/domain/clock';
import { committeeRequirement } from '../../shared/domain/committee';
import { computeCheckCharacter } from '../../shared/domain/credit-code';
import { ValidationError } from '../../shared/domain/errors';
import { sha256Hex } from '../../shared/domain/hashing';
import { type Fen, formatWanYuan } from '../../shared/domain/money';
import {
  CATEGORY_LABELS,
  type Category,
  PROCUREMENT_METHOD_LABELS,
  type ProcurementMethod,
} from '../../shared/domain/rules';
import { savingsOf } from '../../shared/domain/savings';
import { sealBid } from '../../shared/domain/sealing';
import type { Deps } from '../../shared/ports/deps';
import type { PresignedUpload } from '../../shared/ports/document-store';
import type { Award } from '../../shared/schemas/award';
import { CreateExpertBodySchema, type Expert } from '../../shared/schemas/expert';
import { SupplierProfileBodySchema, type SupplierScale } from '../../shared/schemas/supplier';
import { type Tender, type TenderContent, TenderContentSchema } from '../../shared/schemas/tender';
import { addTenderDocument } from '../../shared/usecases/add-tender-document';
import { awardTender, declareContractDocument, recordContract } from '../../shared/usecases/awards';
import { createBid, revealBid, submitBid } from '../../shared/usecases/bids';
import { declareConflict, drawCommittee } from '../../shared/usecases/committee';
import { createTender } from '../../shared/usecases/create-tender';
import { criteriaOf, saveSheet, submitSheet } from '../../shared/usecases/evaluation';
import { createExpert } from '../../shared/usecases/experts';
import { closeDecryption, openTender, respondToOpening } from '../../shared/usecases/opening';
import { publishTender } from '../../shared/usecases/publish-tender';
import { setTarget, tradeReport } from '../../shared/usecases/reports';
import { registerForTender, saveMyProfile } from '../../shared/usecases/suppliers';
import type { Caller } from '../../shared/usecases/tender-change';
import { applyForTransfer, closeBidding, decideDeposit, placeQuote } from '../../shared/usecases/transfers';
// The calendar functions plan on the package plus the store's (or the demo's fixture) 2027.
import {
  addCalendarDays,
  addWorkingDays,
  chinaDate,
  chinaMidnight,
  isWorkingDay,
  nextWorkingDay,
  periodEnd,
  prepareDemoCalendar,
  validatePublication,
} from './demo-calendar';
import { createDevClock } from './dev-clock';
import { ensureBucket, ensureTable } from './emulators';
import { LOCAL_NAMES, type LocalGateway, localDynamoClient, startEmulators } from './local-stack';

/** What {@link seedDemoData} did. */
export interface SeedSummary {
  /** Tenders created (government procurement, rights transfers and those in progress). */
  tenders: number;
  /** Government-procurement tenders awarded in 2022. */
  awarded2022: number;
  /** Their deal amounts (成交金额), in 分. */
  dealFen: Fen;
  /** Their savings (节约资金 = budget − deal), in 分. */
  savingsFen: Fen;
  /** Land-use rights transfers awarded in 2022. */
  rightsTransfers: number;
  /** Tenders left in progress in the current year. */
  inProgress: number;
}

/** Options of {@link seedDemoData}. */
export interface SeedOptions {
  /** Receives one progress line per step worth telling; `console.log` when absent. */
  log?: (line: string) => void;
}

/** The year whose report the demo data reproduces. */
export const SEED_YEAR = 2022;

/** A settable clock: the seed moves it freely, each tender start to finish before the next. */
interface SeedClock extends Clock {
  /** Sets the clock to an instant (forwards or backwards). */
  set(instant: Date): void;
  /** Moves the clock forward by whole minutes. */
  advance(minutes: number): void;
}

function createSeedClock(start: Date): SeedClock {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    set: (instant) => {
      current = instant.getTime();
    },
    advance: (minutes) => {
      current += minutes * 60_000;
    },
  };
}

/** An instant at a China-local time of day, e.g. `chinaTime('2022-03-15', 9, 30)`. */
function chinaTime(day: string, hours: number, minutes = 0): Date {
  return new Date(chinaMidnight(day).getTime() + (hours * 60 + minutes) * 60_000);
}

// ---------------------------------------------------------------------------------------------
// Who takes part
// ---------------------------------------------------------------------------------------------

/** The district the demo is modelled on: 广元市昭化区 (四川省), administrative division code 510811. */
export const SEED_DISTRICT = { name: '广元市昭化区', divisionCode: '510811' } as const;

/** The purchasing units (采购人) and the transferor of the land (出让人), all of 昭化区. */
const UNITS = {
  education: { orgId: 'org-district-education', name: '广元市昭化区教育局' },
  health: { orgId: 'org-district-health', name: '广元市昭化区卫生健康局' },
  urban: { orgId: 'org-district-urban-management', name: '广元市昭化区城市管理局' },
  govServices: { orgId: 'org-district-government-services', name: '广元市昭化区政务服务中心' },
  land: { orgId: 'org-district-natural-resources', name: '广元市昭化区自然资源局' },
} as const;

type UnitKey = keyof typeof UNITS;

/** Centre staff (交易中心) who keep the expert pool, draw committees and set targets. */
const CENTRE: Caller = { sub: 'seed-centre-staff', role: 'centre', orgId: 'org-trading-centre' };

function purchaserOf(unit: UnitKey): Caller {
  const { orgId } = UNITS[unit];
  return { sub: `seed-${orgId}-staff`, role: 'purchaser', orgId };
}

/** The one expert specialty each category draws from. */
const SPECIALTIES: Readonly<Record<Category, string>> = {
  goods: 'A02-通用设备',
  services: 'C23-综合服务',
  works: 'B06-建筑修缮工程',
};

/** The home city and another city of 四川, for remote off-site evaluation (远程异地评审). */
const REGIONS = ['广元市', '绵阳市'] as const;

/** Seven experts per category, alternating between the two regions. */
const EXPERT_NAMES: Readonly<Record<Category, readonly string[]>> = {
  goods: ['王建国', '李秀英', '张志强', '刘海燕', '陈国平', '杨丽华', '赵文斌'],
  services: ['黄晓明', '周玉兰', '吴德胜', '徐静', '孙立新', '马红梅', '朱永康'],
  works: ['胡振华', '郭淑芬', '何建平', '高云', '林志远', '罗美玲', '梁永胜'],
};

/** One expert of the pool, as the seed knows it. */
interface PoolExpert {
  /** Expert id. */
  id: string;
  /** How the expert signs in. */
  caller: Caller;
}

/** Supplier companies per category, by scale (大型 / 中型 / 小型 / 微型), all registered in 昭化区. */
const SUPPLIER_NAMES: Readonly<Record<Category | 'land', Partial<Record<SupplierScale, readonly string[]>>>> =
  {
    goods: {
      large: [
        '四川华联供应链集团股份有限公司',
        '广元市昭化区联创科技集团有限公司',
        '四川恒信商贸股份有限公司',
      ],
      medium: ['广元市昭化区博远贸易有限公司', '四川康捷科技有限公司', '广元市昭化区明达实业有限公司'],
      small: ['广元市昭化区青禾商贸有限公司', '广元市昭化区书远科技有限公司'],
      micro: ['广元市昭化区晨光商贸有限公司', '广元市昭化区小溪实业有限公司'],
    },
    services: {
      large: [
        '四川万家综合服务集团股份有限公司',
        '广元市昭化区云帆信息服务股份有限公司',
        '四川众诚公共服务集团有限公司',
      ],
      medium: [
        '广元市昭化区安居综合服务有限公司',
        '广元市昭化区智达信息服务有限公司',
        '广元市昭化区清源环境服务有限公司',
      ],
      small: ['广元市昭化区启明社会服务有限公司', '广元市昭化区卓越外包服务有限公司'],
      micro: ['广元市昭化区星火服务外包有限公司', '广元市昭化区润物综合服务有限公司'],
    },
    works: {
      large: ['四川中恒建设集团有限公司', '广元市昭化区城市建设工程集团有限公司', '四川宏盛建设股份有限公司'],
      medium: [
        '广元市昭化区恒达建筑工程有限公司',
        '广元市昭化区丰源建设工程有限公司',
        '广元市昭化区绿苑建设工程有限公司',
      ],
      small: ['广元市昭化区筑安建设工程有限公司', '广元市昭化区通达建设工程有限公司'],
      micro: ['广元市昭化区匠心建筑工程有限公司', '广元市昭化区青石建设工程有限公司'],
    },
    land: {
      large: [
        '广元市昭化区锦程置业有限公司',
        '四川华庭房地产开发有限公司',
        '广元市昭化区东方城建置业有限公司',
      ],
    },
  };

/** Scale labels for the progress lines. */
const SCALE_LABELS: Readonly<Record<SupplierScale, string>> = {
  large: '大型',
  medium: '中型',
  small: '小型',
  micro: '微型',
};

/** A supplier with its sign-in and scale. */
interface SeedSupplier {
  /** Company name. */
  name: string;
  /** Enterprise scale. */
  scale: SupplierScale;
  /** How it signs in. */
  caller: Caller;
}

/**
 * A valid 统一社会信用代码 for the n-th demo company: 企业 (91) registered in 昭化区 (510811), with
 * its GB 32100-2015 check character.
 */
export function creditCodeFor(n: number): string {
  const first17 = `91${SEED_DISTRICT.divisionCode}MA6${String(n).padStart(5, '0')}X`;
  return first17 + computeCheckCharacter(first17);
}

// ---------------------------------------------------------------------------------------------
// What was traded
// ---------------------------------------------------------------------------------------------

type GovernmentMethod = 'openTender' | 'competitiveConsultation' | 'competitiveNegotiation' | 'inquiry';

/** One government-procurement project of 2022: who bought what, how, for how much. */
interface GovernmentTrade {
  /** Month of the award, China time. */
  month: number;
  /** Purchasing unit. */
  unit: UnitKey;
  /** Category. */
  category: Category;
  /** Procurement method. */
  method: GovernmentMethod;
  /** Budget (预算金额), 分. */
  budgetFen: Fen;
  /** Deal amount (成交金额): the winner's price, 分. */
  dealFen: Fen;
  /** The winner's scale; the two other bidders are large (medium where reserved for SMEs). */
  winner: SupplierScale;
  /** Project name. */
  title: string;
  /** Why a small project is not reserved for SMEs (财库〔2020〕46号第六条), if it is not. */
  notReservedReason?: string;
}

function trade(
  month: number,
  unit: UnitKey,
  category: Category,
  method: GovernmentMethod,
  budgetFen: Fen,
  dealFen: Fen,
  winner: SupplierScale,
  title: string,
  notReservedReason?: string,
): GovernmentTrade {
  return {
    month,
    unit,
    category,
    method,
    budgetFen,
    dealFen,
    winner,
    title,
    ...(notReservedReason ? { notReservedReason } : {}),
  };
}

/** Why the LED lamps, a small goods project, are not reserved for SMEs (财库〔2020〕46号第六条). */
const LED_NOT_RESERVED = '灯具须与全区路灯监控系统统一技术标准和维保网络，经论证不宜专门面向中小企业采购';

/**
 * The 31 projects of 2022 (budget, deal) in 分, whole 元 each, every deal under its budget:
 *   Σ budget = 3,730,940,000 分 (3730.94万元)
 *   Σ deal   = 3,455,140,000 分 (3455.14万元)
 *   Σ saving =   275,800,000 分 (275.8万元, 节约率 7.39%)
 * Open tenders sit above the SME reservation thresholds (200万元, works 400万元); the smaller projects
 * are reserved for SMEs, except the LED lamps, which state why not.
 */
// biome-ignore format: one project per line, columns aligned
const GOVERNMENT_TRADES_2022: readonly GovernmentTrade[] = [
  // month, purchasing unit, category, method, budget 分, deal 分, the winner's scale, project
  trade( 1, 'education',   'goods',    'openTender',              209_000_000, 192_025_500, 'medium', '中小学教室多媒体设备采购项目'),
  trade( 1, 'health',      'services', 'competitiveConsultation',  60_840_000,  56_923_100, 'small',  '社区卫生服务中心物业管理服务项目'),
  trade( 2, 'urban',       'works',    'competitiveNegotiation',   90_000_000,  81_888_100, 'micro',  '背街小巷路面修缮工程'),
  trade( 2, 'govServices', 'goods',    'inquiry',                  26_800_000,  23_535_000, 'micro',  '政务服务大厅办公家具采购项目'),
  trade( 3, 'education',   'services', 'openTender',              210_000_000, 198_768_200, 'large',  '学生营养餐配送服务项目'),
  trade( 3, 'health',      'goods',    'openTender',              206_000_000, 190_289_300, 'medium', '彩色多普勒超声诊断仪采购项目'),
  trade( 3, 'urban',       'services', 'competitiveConsultation',  76_000_000,  72_386_800, 'small',  '城区道路清扫保洁服务项目'),
  trade( 4, 'govServices', 'services', 'competitiveConsultation',  52_000_000,  48_858_300, 'medium', '政务服务热线外包服务项目'),
  trade( 4, 'education',   'goods',    'inquiry',                  18_600_000,  16_647_200, 'micro',  '中小学图书馆图书采购项目'),
  trade( 4, 'urban',       'works',    'openTender',              418_000_000, 381_152_800, 'large',  '城区绿化景观提升工程'),
  trade( 5, 'health',      'goods',    'competitiveNegotiation',   46_400_000,  41_252_800, 'small',  '医用防护用品采购项目'),
  trade( 5, 'govServices', 'services', 'openTender',              206_000_000, 192_125_600, 'large',  '政务云平台运维服务项目'),
  trade( 6, 'education',   'works',    'competitiveNegotiation',  100_000_000,  92_571_600, 'medium', '中小学校舍维修改造工程'),
  trade( 6, 'urban',       'goods',    'inquiry',                  27_200_000,  23_590_000, 'micro',  '环卫作业车辆配件采购项目'),
  trade( 6, 'health',      'services', 'competitiveConsultation',  56_000_000,  52_727_500, 'small',  '医疗废物收集处置服务项目'),
  trade( 7, 'education',   'goods',    'openTender',              201_200_000, 182_467_600, 'small',  '校园安防监控系统采购项目'),
  trade( 7, 'govServices', 'goods',    'inquiry',                  12_900_000,  11_098_500, 'micro',  '办公用纸及打印耗材采购项目'),
  trade( 8, 'urban',       'works',    'competitiveConsultation',  66_000_000,  61_685_600, 'small',  '城市公园设施修缮工程'),
  trade( 8, 'health',      'services', 'openTender',              204_000_000, 193_493_200, 'medium', '区域卫生信息平台运维服务项目'),
  trade( 8, 'education',   'services', 'competitiveNegotiation',   34_000_000,  31_070_200, 'micro',  '中小学教师信息技术培训服务项目'),
  trade( 9, 'govServices', 'goods',    'openTender',              203_500_000, 187_576_900, 'large',  '政务服务自助终端采购项目'),
  trade( 9, 'urban',       'goods',    'competitiveNegotiation',   72_000_000,  64_654_800, 'small',  '城市道路照明LED灯具采购项目', LED_NOT_RESERVED),
  trade( 9, 'education',   'goods',    'inquiry',                  43_500_000,  39_277_700, 'small',  '中学实验室仪器设备采购项目'),
  trade(10, 'health',      'works',    'openTender',              406_000_000, 380_666_000, 'medium', '社区卫生服务站改造工程'),
  trade(10, 'urban',       'services', 'competitiveConsultation',  58_000_000,  54_840_400, 'medium', '数字城管平台运维服务项目'),
  trade(11, 'education',   'services', 'openTender',              203_000_000, 193_751_100, 'large',  '中小学校园物业管理服务项目'),
  trade(11, 'govServices', 'services', 'competitiveNegotiation',   48_000_000,  44_149_100, 'small',  '政务档案数字化加工服务项目'),
  trade(11, 'health',      'goods',    'inquiry',                  32_400_000,  28_324_500, 'micro',  '发热门诊医用耗材采购项目'),
  trade(12, 'urban',       'works',    'competitiveNegotiation',   80_000_000,  74_295_000, 'small',  '雨污水管网清淤修复工程'),
  trade(12, 'govServices', 'goods',    'openTender',              205_600_000, 188_494_400, 'medium', '会议室音视频系统采购项目'),
  trade(12, 'education',   'services', 'competitiveConsultation',  58_000_000,  54_553_200, 'micro',  '中小学课后服务项目'),
];

/** One land-use rights transfer (网上挂牌出让) of 2022: start price and the three bidders' last quotes, 分. */
interface RightsTrade {
  /** Month of the award, China time. */
  month: number;
  /** Parcel. */
  title: string;
  /** Parcel number, area (m²), use. */
  parcel: { parcelNo: string; areaSquareMetres: number; use: string; location: string };
  /** Start price (起始价), published. */
  startPriceFen: Fen;
  /** The three bidders' last quotes, the winning (highest) one first. */
  quotesFen: readonly [Fen, Fen, Fen];
}

/** Three parcels; premiums 852万元, 378.5万元 and 1585万元 (溢价 2815.5万元 in all). */
const RIGHTS_TRADES_2022: readonly RightsTrade[] = [
  {
    month: 4,
    title: '昭化区元坝镇城北片区C-03地块国有建设用地使用权挂牌出让',
    parcel: {
      parcelNo: 'ZH2022-C03',
      areaSquareMetres: 28_640.5,
      use: '城镇住宅用地',
      location: '元坝镇城北片区',
    },
    startPriceFen: 5_860_000_000,
    quotesFen: [6_712_000_000, 6_350_000_000, 6_028_000_000],
  },
  {
    month: 8,
    title: '昭化区昭化镇滨河片区R-11地块国有建设用地使用权挂牌出让',
    parcel: { parcelNo: 'ZH2022-R11', areaSquareMetres: 15_220, use: '商服用地', location: '昭化镇滨河片区' },
    startPriceFen: 3_240_000_000,
    quotesFen: [3_618_500_000, 3_486_000_000, 3_300_000_000],
  },
  {
    month: 11,
    title: '昭化区元坝镇站前片区B-07地块国有建设用地使用权挂牌出让',
    parcel: {
      parcelNo: 'ZH2022-B07',
      areaSquareMetres: 46_018.3,
      use: '城镇住宅用地',
      location: '元坝镇站前片区',
    },
    startPriceFen: 9_650_000_000,
    quotesFen: [11_235_000_000, 10_860_000_000, 10_120_000_000],
  },
];

/** The 2022 target the report measures progress against (目标项目数). */
const TARGET_2022 = 50;

// ---------------------------------------------------------------------------------------------
// Tender content
// ---------------------------------------------------------------------------------------------

/** Scoring criteria of 综合评分法 per category, with the price weight (goods ≥ 30, services ≥ 10). */
const COMPREHENSIVE: Readonly<
  Record<Category, { priceWeightPercent: number; criteria: { name: string; maxPoints: number }[] }>
> = {
  goods: {
    priceWeightPercent: 30,
    criteria: [
      { name: '技术参数响应', maxPoints: 40 },
      { name: '售后服务', maxPoints: 20 },
      { name: '业绩与信誉', maxPoints: 10 },
    ],
  },
  services: {
    priceWeightPercent: 20,
    criteria: [
      { name: '服务方案', maxPoints: 45 },
      { name: '人员配置', maxPoints: 20 },
      { name: '业绩与信誉', maxPoints: 15 },
    ],
  },
  works: {
    priceWeightPercent: 40,
    criteria: [
      { name: '施工组织设计', maxPoints: 35 },
      { name: '项目管理机构', maxPoints: 15 },
      { name: '业绩与信誉', maxPoints: 10 },
    ],
  },
};

/** Budgets up to which a project is reserved for SMEs (财库〔2020〕46号: 200万元, works 400万元). */
const SME_RESERVE_UP_TO_FEN: Readonly<Record<Category, Fen>> = {
  goods: 200_000_000,
  services: 200_000_000,
  works: 400_000_000,
};

/** The small/micro deduction in force on the publication day (财库〔2022〕19号 raised it from July 2022). */
function deductionPercent(category: Category, publishDay: string): number {
  if (category === 'works') return 4;
  return publishDay >= '2022-07-01' ? 15 : 8;
}

/** The content of a government-procurement tender, without its timeline. */
function governmentContent(
  project: Pick<
    GovernmentTrade,
    'unit' | 'category' | 'method' | 'budgetFen' | 'title' | 'notReservedReason'
  >,
  publishDay: string,
): Omit<TenderContent, 'timeline'> {
  const reserved =
    project.budgetFen <= SME_RESERVE_UP_TO_FEN[project.category] && project.notReservedReason === undefined;
  const lowestPrice = project.method === 'competitiveNegotiation' || project.method === 'inquiry';
  return {
    title: project.title,
    description: `${UNITS[project.unit].name}${project.title}，预算${formatWanYuan(project.budgetFen)}。`,
    purchasingUnitName: UNITS[project.unit].name,
    tradeType: 'governmentProcurement',
    category: project.category,
    method: project.method,
    budgetFen: project.budgetFen,
    qualifications: ['具有独立承担民事责任的能力', '参加政府采购活动前三年内，在经营活动中没有重大违法记录'],
    sme: reserved
      ? { reservedForSme: true }
      : {
          reservedForSme: false,
          priceDeductionPercent: deductionPercent(project.category, publishDay),
          ...(project.notReservedReason ? { notReservedReason: project.notReservedReason } : {}),
        },
    evaluation: lowestPrice
      ? { method: 'lowestPrice', criteria: [] }
      : { method: 'comprehensive', ...COMPREHENSIVE[project.category] },
  };
}

/** The increment (增价幅度) of the demo listings: 10万元. */
const RIGHTS_INCREMENT_FEN: Fen = 10_000_000;

/** The content of a land-use rights listing, without its timeline. */
function rightsContent(project: RightsTrade): Omit<TenderContent, 'timeline'> {
  return {
    title: project.title,
    description: `${project.title}，挂牌起始价${formatWanYuan(project.startPriceFen)}，增价幅度${formatWanYuan(RIGHTS_INCREMENT_FEN)}，网上挂牌，价高者得。`,
    purchasingUnitName: UNITS.land.name,
    tradeType: 'landUseRights',
    category: 'works',
    method: 'listing',
    qualifications: ['中华人民共和国境内外的法人和其他组织，法律另有规定的除外'],
    sme: { reservedForSme: false },
    evaluation: { method: 'highestPrice', criteria: [] },
    transfer: {
      subject: {
        kind: 'land',
        ...project.parcel,
        termYears: project.parcel.use === '商服用地' ? 40 : 70,
        planning: '',
      },
      startPriceFen: project.startPriceFen,
      incrementFen: RIGHTS_INCREMENT_FEN,
      depositFen: Math.round(project.startPriceFen / 5 / 1_000_000) * 1_000_000,
      bidding: {},
    },
  };
}

/** Calendar days between the notice and the deadline the search for a timeline starts from. */
const MIN_SPAN_DAYS: Readonly<Partial<Record<ProcurementMethod, number>>> = {
  openTender: 24,
  competitiveConsultation: 14,
  competitiveNegotiation: 6,
  inquiry: 6,
  listing: 32,
};

/** A tender's content with its timeline and when it is published. */
interface PlannedTender {
  /** The complete, validated content. */
  content: TenderContent;
  /** When the notice goes out. */
  publishAt: Date;
}

/**
 * Plans a tender whose bid deadline falls on `deadlineDay`: the latest working publication day whose
 * timeline passes every publication rule in force that day (checked here with the rules table itself).
 */
function planBackwards(
  content: (publishDay: string) => Omit<TenderContent, 'timeline'>,
  method: ProcurementMethod,
  deadlineDay: string,
): PlannedTender {
  const span = MIN_SPAN_DAYS[method] ?? 24;
  let lastIssues = '';
  for (let back = span; back < span + 30; back += 1) {
    const publishDay = addCalendarDays(deadlineDay, -back);
    if (!isWorkingDay(publishDay)) continue;
    const listing = method === 'listing';
    const documentsFromDay = listing ? addCalendarDays(publishDay, 21) : publishDay;
    const documentsUntilDay = listing
      ? addWorkingDays(deadlineDay, -1)
      : periodEnd(publishDay, 5, 'workingDays');
    if (documentsUntilDay >= deadlineDay || documentsUntilDay <= documentsFromDay) continue;
    const planned = plan(content(publishDay), {
      publishAt: chinaTime(publishDay, 9),
      documentsFrom: chinaTime(documentsFromDay, 9),
      documentsUntil: chinaTime(documentsUntilDay, 17),
      bidDeadline: chinaTime(deadlineDay, listing ? 10 : 9, listing ? 0 : 30),
    });
    if (typeof planned !== 'string') return planned;
    lastIssues = planned;
  }
  throw new Error(`No valid timeline ends on ${deadlineDay} for ${method}: ${lastIssues}`);
}

/** Validates content with a timeline; the planned tender, or the rule issues as text. */
function plan(
  content: Omit<TenderContent, 'timeline'>,
  at: { publishAt: Date; documentsFrom: Date; documentsUntil: Date; bidDeadline: Date },
): PlannedTender | string {
  const parsed = TenderContentSchema.parse({
    ...content,
    timeline: {
      documentsFrom: at.documentsFrom.toISOString(),
      documentsUntil: at.documentsUntil.toISOString(),
      bidDeadline: at.bidDeadline.toISOString(),
    },
  });
  const issues = validatePublication(parsed, at.publishAt);
  if (issues.length > 0) return issues.map((issue) => `${issue.rule}: ${issue.message.en}`).join('; ');
  return { content: parsed, publishAt: at.publishAt };
}

/** Award days spread over each month: the k trades of a month at about 1/(k+1), 2/(k+1), … of it. */
function awardDays(trades: readonly { month: number }[], year: number): string[] {
  const perMonth = new Map<number, number>();
  for (const t of trades) perMonth.set(t.month, (perMonth.get(t.month) ?? 0) + 1);
  const seen = new Map<number, number>();
  return trades.map((t) => {
    const k = perMonth.get(t.month) ?? 1;
    const j = seen.get(t.month) ?? 0;
    seen.set(t.month, j + 1);
    const month = String(t.month).padStart(2, '0');
    const day = `${year}-${month}-${String(1 + Math.floor(((j + 1) * 27) / (k + 1))).padStart(2, '0')}`;
    if (isWorkingDay(day)) return day;
    const next = nextWorkingDay(day);
    return next.slice(5, 7) === month ? next : addWorkingDays(day, -1);
  });
}

// ---------------------------------------------------------------------------------------------
// Playing a tender through the use cases
// ---------------------------------------------------------------------------------------------

/** Uploads bytes to a presigned PUT exactly as a browser would. */
async function upload(target: PresignedUpload, bytes: Uint8Array): Promise<void> {
  const response = await fetch(target.url, { method: target.method, headers: target.headers, body: bytes });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`Upload to the document store failed: HTTP ${response.status}`);
}

/** The seed's working context. */
interface Context {
  /** Deps with the seed's own clock. */
  deps: Deps;
  /** That clock. */
  clock: SeedClock;
  /** Progress output. */
  log: (line: string) => void;
}

/** One bidder of a tender and its price. */
interface Bidder {
  /** The supplier. */
  supplier: SeedSupplier;
  /** Its price in 分. */
  priceFen: Fen;
}

/** A bid placed by the seed, with what it keeps to reveal it. */
interface PlacedBid extends Bidder {
  /** Bid id. */
  bidId: string;
  /** Nonce and key, kept until the opening. */
  secret: { nonce: string; keyHex: string };
}

/** Creates a draft, uploads its tender document and publishes it, at the planned instant. */
async function publish(ctx: Context, caller: Caller, planned: PlannedTender): Promise<Tender> {
  const { deps, clock } = ctx;
  clock.set(new Date(planned.publishAt.getTime() - 30 * 60_000));
  const { tender } = await createTender({ caller, content: planned.content }, deps);
  clock.advance(10);
  const bytes = Buffer.from(
    `${planned.content.purchasingUnitName}\n${planned.content.title}\n采购（出让）文件\n${planned.content.description}\n`,
  );
  const { upload: target } = await addTenderDocument(
    {
      caller,
      tenderId: tender.id,
      declared: {
        fileName: `${planned.content.title}文件.txt`,
        contentType: 'text/plain',
        size: bytes.byteLength,
        sha256: sha256Hex(bytes),
      },
    },
    deps,
  );
  await upload(target, bytes);
  clock.set(planned.publishAt);
  return publishTender({ caller, tenderId: tender.id }, deps);
}

/** Each bidder registers (报名), seals its bid on "its own machine", uploads and submits it. */
async function placeBids(ctx: Context, tender: Tender, bidders: readonly Bidder[], at: Date) {
  const { deps, clock } = ctx;
  clock.set(at);
  const placed: PlacedBid[] = [];
  for (const bidder of bidders) {
    const { caller, name } = bidder.supplier;
    await registerForTender({ caller, tenderId: tender.id }, deps);
    const sealed = await sealBid({
      tenderId: tender.id,
      supplierId: caller.orgId,
      priceFen: bidder.priceFen,
      documents: [
        {
          name: '响应文件.pdf',
          bytes: Buffer.from(`${name}\n${tender.content.title}\n报价 ${bidder.priceFen} 分\n技术与服务响应`),
        },
      ],
    });
    const { bid, uploads } = await createBid(
      {
        caller,
        tenderId: tender.id,
        body: {
          priceCommitment: sealed.priceCommitment,
          keyCommitment: sealed.keyCommitment,
          documents: sealed.documents.map((doc) => ({
            fileName: doc.name,
            sha256: doc.sha256,
            size: doc.size,
          })),
        },
      },
      deps,
    );
    for (const [i, target] of uploads.entries())
      await upload(target, sealed.documents[i]?.sealed ?? new Uint8Array());
    await submitBid({ caller, tenderId: tender.id, bidId: bid.id }, deps);
    placed.push({ ...bidder, bidId: bid.id, secret: { nonce: sealed.nonce, keyHex: sealed.keyHex } });
    clock.advance(7);
  }
  return placed;
}

/** Reads a tender back (the use cases take the stored version). */
async function reload(deps: Deps, tenderId: string): Promise<Tender> {
  const tender = await deps.tenders.get(tenderId);
  if (!tender) throw new Error(`Tender ${tenderId} vanished`);
  return tender;
}

/**
 * The remote opening (不见面开标): opens at the deadline, every bidder decrypts, the record is
 * published when the window closes and every bidder confirms it, which closes the opening.
 */
async function runOpening(ctx: Context, tender: Tender, bids: readonly PlacedBid[]): Promise<Tender> {
  const { deps, clock } = ctx;
  const deadline = new Date(tender.content.timeline.bidDeadline);
  clock.set(deadline);
  await openTender(deps, await reload(deps, tender.id));
  for (const bid of bids) {
    clock.advance(3);
    const result = await revealBid(
      {
        caller: bid.supplier.caller,
        tenderId: tender.id,
        bidId: bid.bidId,
        priceFen: bid.priceFen,
        nonce: bid.secret.nonce,
        key: bid.secret.keyHex,
      },
      deps,
    );
    if (result.status !== 'valid') throw new Error(`${bid.supplier.name}'s reveal was ${result.status}`);
  }
  clock.set(new Date(deadline.getTime() + tender.content.timeline.decryptionWindowMinutes * 60_000));
  await closeDecryption(deps, await reload(deps, tender.id));
  for (const bid of bids) {
    clock.advance(2);
    await respondToOpening({ caller: bid.supplier.caller, tenderId: tender.id, decision: 'confirm' }, deps);
  }
  return reload(deps, tender.id);
}

/** Points of one member for one bid: the winner 90% of each criterion, the others 80%. */
function pointsFor(tender: Tender, winner: boolean): Record<string, number> {
  return Object.fromEntries(
    criteriaOf(tender).map((c) => [c.id, Math.round(c.maxPoints * (winner ? 90 : 80)) / 100]),
  );
}

/**
 * The remote evaluation (远程异地评审): centre staff draw the smallest committee the rules allow
 * from both regions, every member declares no conflict, and all give the same points, so no score
 * is an outlier; the last locked sheet produces the report.
 */
async function runEvaluation(
  ctx: Context,
  tender: Tender,
  bids: readonly PlacedBid[],
  winnerBidId: string,
  pool: ReadonlyMap<string, PoolExpert>,
  options: { score: boolean },
): Promise<number> {
  const { deps, clock } = ctx;
  const { method, category, budgetFen } = tender.content;
  clock.advance(30);
  const committee = await drawCommittee(
    {
      caller: CENTRE,
      tenderId: tender.id,
      request: {
        size: committeeRequirement(method, category, budgetFen ?? 0).minSize,
        reserveSize: 1,
        specialties: [SPECIALTIES[category]],
        regions: [...REGIONS],
      },
    },
    deps,
  );
  if (!options.score) return committee.members.length;
  const members = committee.members.map((member) => {
    const expert = pool.get(member.expertId);
    if (!expert) throw new Error(`Drawn expert ${member.expertId} is not one of the seed's`);
    return expert;
  });
  for (const member of members) {
    clock.advance(2);
    await declareConflict({ caller: member.caller, tenderId: tender.id, conflict: false }, deps);
  }
  const scores = Object.fromEntries(
    bids.map((bid) => [bid.bidId, pointsFor(tender, bid.bidId === winnerBidId)]),
  );
  for (const member of members) {
    clock.advance(5);
    await saveSheet({ caller: member.caller, tenderId: tender.id, scores, disqualify: {} }, deps);
  }
  for (const member of members) {
    clock.advance(3);
    await submitSheet({ caller: member.caller, tenderId: tender.id }, deps);
  }
  return members.length;
}

/**
 * The purchasing unit (or transferor) confirms the first candidate; for government procurement it
 * then records the signed contract with its document, and the tender is complete.
 *
 * Why rights transfers stop at the award: recordContract counts every recorded contract as a fully
 * electronic trade, while the report's 全流程电子化交易率 divides by government projects only, so a
 * recorded land contract would push the published rate above 100%.
 */
async function awardAndContract(
  ctx: Context,
  caller: Caller,
  tender: Tender,
  expectedBidId: string,
  awardDay: string,
  options: { contract: boolean },
): Promise<Award> {
  const { deps, clock } = ctx;
  const report = await deps.evaluations.getReport(tender.id);
  const first = report?.candidates[0];
  if (first !== expectedBidId) {
    throw new Error(
      `${tender.content.title}: the report ranks ${first ?? 'nobody'} first, not the seed's winner`,
    );
  }
  clock.set(chinaTime(awardDay, 10));
  const award = await awardTender({ caller, tenderId: tender.id, bidId: first }, deps);
  if (!options.contract) return award;
  const contractDay = addWorkingDays(awardDay, 5);
  clock.set(chinaTime(contractDay, 14));
  const bytes = Buffer.from(
    `${tender.content.purchasingUnitName}与${award.supplierName}\n${tender.content.title}合同\n合同金额 ${award.dealAmountFen} 分\n`,
  );
  const fileName = '政府采购合同.pdf';
  const declared = await declareContractDocument(
    { caller, tenderId: tender.id, fileName, sha256: sha256Hex(bytes), size: bytes.byteLength },
    deps,
  );
  await upload(declared.upload, bytes);
  clock.advance(5);
  await recordContract(
    {
      caller,
      tenderId: tender.id,
      amountFen: award.dealAmountFen,
      signedOn: contractDay,
      document: { id: declared.documentId, fileName, sha256: declared.sha256, size: declared.size },
    },
    deps,
  );
  return award;
}

// ---------------------------------------------------------------------------------------------
// The seed
// ---------------------------------------------------------------------------------------------

/**
 * Whether the demo year already has awards, so seeding again would double its figures.
 *
 * Read from the report counters (one partition), the same figures the report shows.
 */
export async function hasSeedYearAwards(deps: Deps): Promise<boolean> {
  const report = await tradeReport({ year: SEED_YEAR, scope: { kind: 'all' } }, deps);
  return report.totals.count > 0 || report.totals.rightsCount > 0;
}

/** Creates the expert pool, reusing experts whose sign-in already exists. */
async function seedExperts(ctx: Context): Promise<Map<string, PoolExpert>> {
  const pool = new Map<string, PoolExpert>();
  let n = 0;
  for (const category of ['goods', 'services', 'works'] as const) {
    for (const [i, name] of EXPERT_NAMES[category].entries()) {
      n += 1;
      const userSub = `seed-expert-${String(n).padStart(2, '0')}`;
      const employerOrgId = `org-expert-employer-${String(n).padStart(2, '0')}`;
      const existing: Expert | null = await ctx.deps.evaluations.getExpertBySub(userSub);
      const expert =
        existing ??
        (await createExpert(
          {
            caller: CENTRE,
            body: CreateExpertBodySchema.parse({
              name,
              userSub,
              specialties: [SPECIALTIES[category]],
              region: REGIONS[i % REGIONS.length],
              employerOrgId,
              // Left the district health commission at the end of 2021: recused from its 2022 tenders.
              relations:
                category === 'goods' && i === 2
                  ? [{ orgId: UNITS.health.orgId, kind: 'employment', until: '2021-12-31' }]
                  : [],
            }),
          },
          ctx.deps,
        ));
      pool.set(expert.id, {
        id: expert.id,
        caller: { sub: userSub, role: 'expert', orgId: expert.employerOrgId },
      });
    }
  }
  return pool;
}

/** Saves every supplier's profile (name, credit code, scale); returns them by category. */
async function seedSuppliers(ctx: Context): Promise<Map<Category | 'land', SeedSupplier[]>> {
  const byCategory = new Map<Category | 'land', SeedSupplier[]>();
  let n = 0;
  for (const [group, scales] of Object.entries(SUPPLIER_NAMES) as [
    Category | 'land',
    Partial<Record<SupplierScale, readonly string[]>>,
  ][]) {
    const list: SeedSupplier[] = [];
    for (const [scale, names] of Object.entries(scales) as [SupplierScale, readonly string[]][]) {
      for (const name of names) {
        n += 1;
        const orgId = `org-supplier-${group}-${String(n).padStart(2, '0')}`;
        const caller: Caller = { sub: `seed-${orgId}`, role: 'supplier', orgId };
        await saveMyProfile(
          {
            caller,
            body: SupplierProfileBodySchema.parse({
              name,
              creditCode: creditCodeFor(n),
              scale,
              scaleDeclaredAt: '2021-11-10',
              contact: { name: '投标联系人', phone: `0839-8${String(8_000_000 + n).slice(1)}` },
            }),
          },
          ctx.deps,
        );
        list.push({ name, scale, caller });
      }
    }
    byCategory.set(group, list);
  }
  return byCategory;
}

/** Picks the winner of the given scale and two competitors (large, or medium where reserved). */
function pickBidders(
  suppliers: readonly SeedSupplier[],
  winnerScale: SupplierScale,
  competitorScale: SupplierScale,
  round: number,
): [SeedSupplier, SeedSupplier, SeedSupplier] {
  const of = (scale: SupplierScale) => suppliers.filter((s) => s.scale === scale);
  const winners = of(winnerScale);
  const winner = winners[round % winners.length];
  const others = of(competitorScale).filter((s) => s !== winner);
  const a = others[round % others.length];
  const b = others[(round + 1) % others.length];
  if (!winner || !a || !b || a === b) throw new Error(`Not enough ${competitorScale} suppliers to compete`);
  return [winner, a, b];
}

/** A competitor's price: between the winner's and the budget, to the 元. */
function competitorPrice(dealFen: Fen, budgetFen: Fen, share: number): Fen {
  return dealFen + Math.max(100, Math.round(((budgetFen - dealFen) * share) / 100) * 100);
}

/** Plays one 2022 government-procurement project from draft to contract. */
async function playGovernmentTrade(
  ctx: Context,
  project: GovernmentTrade,
  awardDay: string,
  suppliers: Map<Category | 'land', SeedSupplier[]>,
  pool: ReadonlyMap<string, PoolExpert>,
  round: number,
): Promise<{ award: Award; members: number }> {
  const caller = purchaserOf(project.unit);
  const deadlineDay = addWorkingDays(awardDay, -1);
  const planned = planBackwards(
    (publishDay) => governmentContent(project, publishDay),
    project.method,
    deadlineDay,
  );
  const tender = await publish(ctx, caller, planned);
  const competitorScale = planned.content.sme.reservedForSme ? 'medium' : 'large';
  const [winner, second, third] = pickBidders(
    suppliers.get(project.category) ?? [],
    project.winner,
    competitorScale,
    round,
  );
  const bids = await placeBids(
    ctx,
    tender,
    [
      { supplier: second, priceFen: competitorPrice(project.dealFen, project.budgetFen, 0.7) },
      { supplier: winner, priceFen: project.dealFen },
      { supplier: third, priceFen: competitorPrice(project.dealFen, project.budgetFen, 0.35) },
    ],
    chinaTime(addCalendarDays(chinaDate(planned.publishAt), 1), 10),
  );
  const winnerBid = bids.find((bid) => bid.supplier === winner);
  if (!winnerBid) throw new Error('The winner did not bid');
  const opened = await runOpening(ctx, tender, bids);
  if (opened.status !== 'evaluating') throw new Error(`${project.title}: ${opened.status} after the opening`);
  const members = await runEvaluation(ctx, opened, bids, winnerBid.bidId, pool, { score: true });
  const award = await awardAndContract(
    ctx,
    caller,
    await reload(ctx.deps, tender.id),
    winnerBid.bidId,
    awardDay,
    { contract: true },
  );
  if (award.dealAmountFen !== project.dealFen) {
    throw new Error(`${project.title}: awarded ${award.dealAmountFen} 分, planned ${project.dealFen} 分`);
  }
  return { award, members };
}

/** Plays one 2022 land-use rights listing from notice to award; the highest quote wins. */
async function playRightsTrade(
  ctx: Context,
  project: RightsTrade,
  awardDay: string,
  developers: readonly SeedSupplier[],
  round: number,
): Promise<Award> {
  const { deps, clock } = ctx;
  const caller = purchaserOf('land');
  const developer = (offset: number) =>
    developers[(round + offset) % developers.length] ?? raise('developer');
  const planned = planBackwards(() => rightsContent(project), 'listing', addWorkingDays(awardDay, -1));
  const tender = await publish(ctx, caller, planned);
  const [winner, second, third] = project.quotesFen;
  const bidders = [developer(2), developer(0), developer(1)];
  // 竞买申请 with the deposit the day after the notice; the centre confirms each and issues its 竞买号
  clock.set(new Date(planned.publishAt.getTime() + 86_400_000));
  for (const bidder of bidders) {
    await applyForTransfer(
      {
        caller: bidder.caller,
        tenderId: tender.id,
        deposit: {
          amountFen: tender.content.transfer?.depositFen ?? raise('deposit'),
          payerAccountName: bidder.name,
          payerAccountNo: '6217 0031 2000 0000',
          kind: 'bankTransfer',
          reference: `ZH${tender.id.slice(-8)}${bidder.caller.orgId.slice(-3)}`,
        },
      },
      deps,
    );
    clock.advance(1);
    await decideDeposit(
      { caller: CENTRE, tenderId: tender.id, supplierOrgId: bidder.caller.orgId, decision: 'confirm' },
      deps,
    );
  }
  // Quotes during the listing (each at least one increment above the last), ending at the three last quotes
  const listingFrom = new Date(planned.content.timeline.documentsFrom);
  clock.set(new Date(listingFrom.getTime() + 3_600_000));
  const ladder: [SeedSupplier, Fen][] = [
    [bidders[0] as SeedSupplier, project.startPriceFen],
    [bidders[2] as SeedSupplier, third],
    [bidders[1] as SeedSupplier, second],
    [bidders[0] as SeedSupplier, winner],
  ];
  for (const [bidder, amountFen] of ladder) {
    await placeQuote({ caller: bidder.caller, tenderId: tender.id, amountFen }, deps);
    clock.advance(180);
  }
  // The listing ends without late bidders: the tick closes it on the award day and the highest wins
  clock.set(chinaTime(awardDay, 9, 30));
  const listed = (await deps.tenders.get(tender.id)) ?? raise('listed tender');
  const sold = await closeBidding(deps, listed);
  if (sold?.status !== 'awarded')
    throw new Error(`${project.title}: ${sold?.status} at the end of the listing`);
  return (await deps.tenders.getAward(tender.id)) ?? raise('award');
}

function raise(what: string): never {
  throw new Error(`Seed data is missing a ${what}`);
}

/** Tenders of the current year left in progress: one tendering, one in evaluation with its committee. */
async function playInProgress(
  ctx: Context,
  now: Date,
  suppliers: Map<Category | 'land', SeedSupplier[]>,
  pool: ReadonlyMap<string, PoolExpert>,
): Promise<number> {
  const { log } = ctx;
  const today = chinaDate(now);
  // 1. Tendering: published two days ago, the deadline 25 days after, bids still open.
  let publishDay = chinaDate(new Date(now.getTime() - 2 * 86_400_000));
  while (!isWorkingDay(publishDay)) publishDay = addCalendarDays(publishDay, -1);
  const tenderingProject = {
    unit: 'govServices' as const,
    category: 'goods' as const,
    method: 'openTender' as const,
    budgetFen: 236_000_000,
    title: '政务服务大厅智能导办设备采购项目',
  };
  const tendering = plan(governmentContent(tenderingProject, publishDay), {
    publishAt: chinaTime(publishDay, 9),
    documentsFrom: chinaTime(publishDay, 9),
    documentsUntil: chinaTime(periodEnd(publishDay, 7, 'workingDays'), 17),
    bidDeadline: chinaTime(periodEnd(publishDay, 25, 'days'), 9, 30),
  });
  if (typeof tendering === 'string') throw new Error(`The tendering demo tender breaks rules: ${tendering}`);
  const open = await publish(ctx, purchaserOf(tenderingProject.unit), tendering);
  log(
    `[now 进行中] ${UNITS.govServices.name} ${open.content.title} · tendering 招标中, deadline 投标截止 ${open.content.timeline.bidDeadline}`,
  );
  // 2. Evaluating: the deadline was the last working day before today; the committee is drawn.
  const project = {
    unit: 'health' as const,
    category: 'goods' as const,
    method: 'inquiry' as const,
    budgetFen: 45_000_000,
    title: '发热门诊检测试剂询价采购项目',
  };
  const planned = planBackwards(
    (day) => governmentContent(project, day),
    project.method,
    addWorkingDays(today, -1),
  );
  const tender = await publish(ctx, purchaserOf(project.unit), planned);
  const [winner, second, third] = pickBidders(suppliers.get('goods') ?? [], 'small', 'medium', 1);
  const bids = await placeBids(
    ctx,
    tender,
    [
      { supplier: winner, priceFen: 41_280_000 },
      { supplier: second, priceFen: 42_960_000 },
      { supplier: third, priceFen: 43_750_000 },
    ],
    chinaTime(addCalendarDays(chinaDate(planned.publishAt), 1), 10),
  );
  const opened = await runOpening(ctx, tender, bids);
  const members = await runEvaluation(ctx, opened, bids, '', pool, { score: false });
  log(
    `[now 进行中] ${UNITS.health.name} ${tender.content.title} · evaluating 评审中, committee drawn 已抽取评审小组 ${members} 人, awaiting declarations 待专家声明`,
  );
  return 2;
}

/**
 * Plays the demo data through the use cases on its own settable clock: the expert pool, the
 * suppliers, the 2022 target, 31 government-procurement projects and 3 land-use rights transfers
 * awarded over 2022, and two tenders in progress now (`deps.clock`'s "now").
 *
 * Why through the use cases: the audit chains, notices, opening records, committees, reports and
 * report counters are then exactly what the portal itself writes. Refuses (throws) when 2022 already
 * has awards, so running it twice cannot double the published figures.
 */
export async function seedDemoData(deps: Deps, options: SeedOptions = {}): Promise<SeedSummary> {
  const log = options.log ?? ((line: string) => console.log(line));
  if (await hasSeedYearAwards(deps)) {
    throw new Error(
      `${SEED_YEAR}年已有成交记录，不再生成演示数据 / ${SEED_YEAR} already has awards; not seeding again (the figures would double)`,
    );
  }
  const now = deps.clock.now();
  await prepareDemoCalendar(deps, log);
  const clock = createSeedClock(chinaTime('2021-11-15', 9));
  const ctx: Context = { deps: { ...deps, clock }, clock, log };

  const pool = await seedExperts(ctx);
  const suppliers = await seedSuppliers(ctx);
  const supplierCount = [...suppliers.values()].reduce((sum, list) => sum + list.length, 0);
  log(`expert pool 专家库: ${pool.size} experts 名专家 · suppliers 供应商: ${supplierCount}`);
  clock.set(chinaTime(`${SEED_YEAR}-01-05`, 9));
  await setTarget({ caller: CENTRE, year: SEED_YEAR, projects: TARGET_2022 }, ctx.deps);
  log(`target 目标 ${SEED_YEAR}: ${TARGET_2022} projects 个项目`);

  const summary: SeedSummary = {
    tenders: 0,
    awarded2022: 0,
    dealFen: 0,
    savingsFen: 0,
    rightsTransfers: 0,
    inProgress: 0,
  };
  const days = awardDays(GOVERNMENT_TRADES_2022, SEED_YEAR);
  for (const [i, project] of GOVERNMENT_TRADES_2022.entries()) {
    const awardDay = days[i] ?? raise('award day');
    const { award, members } = await playGovernmentTrade(ctx, project, awardDay, suppliers, pool, i);
    const { savingsFen } = savingsOf({ budgetFen: project.budgetFen, dealFen: award.dealAmountFen });
    summary.tenders += 1;
    summary.awarded2022 += 1;
    summary.dealFen += award.dealAmountFen;
    summary.savingsFen += savingsFen;
    log(
      `[${i + 1}/${GOVERNMENT_TRADES_2022.length}] ${awardDay} ${UNITS[project.unit].name} ${project.title} · ${PROCUREMENT_METHOD_LABELS[project.method].zh}/${CATEGORY_LABELS[project.category].zh} · 预算 ${formatWanYuan(project.budgetFen)} → 成交 ${formatWanYuan(award.dealAmountFen)} · ${award.supplierName}（${SCALE_LABELS[award.supplierScale]}）· 评审 ${members} 人`,
    );
  }

  const rightsDays = awardDays(RIGHTS_TRADES_2022, SEED_YEAR);
  const developers = suppliers.get('land') ?? [];
  for (const [i, project] of RIGHTS_TRADES_2022.entries()) {
    const awardDay = rightsDays[i] ?? raise('award day');
    const award = await playRightsTrade(ctx, project, awardDay, developers, i);
    summary.tenders += 1;
    summary.rightsTransfers += 1;
    log(
      `[R${i + 1}/${RIGHTS_TRADES_2022.length}] ${awardDay} ${UNITS.land.name} ${project.title} · 网上挂牌 起始价 ${formatWanYuan(project.startPriceFen)} → 成交 ${formatWanYuan(award.dealAmountFen)}（溢价 ${formatWanYuan(award.dealAmountFen - project.startPriceFen)}）· ${award.supplierName}`,
    );
  }

  summary.inProgress = await playInProgress(ctx, now, suppliers, pool);
  summary.tenders += summary.inProgress;
  log(
    `done 完成: ${summary.awarded2022} projects 个项目, 成交金额 ${formatWanYuan(summary.dealFen)}, 节约资金 ${formatWanYuan(summary.savingsFen)}; ${summary.rightsTransfers} land transfers 土地出让; ${summary.inProgress} in progress 进行中`,
  );
  return summary;
}

/** Whether `npm start` seeds the demo year into an empty store (`demo`, the default) or starts empty. */
export type StartSeeding = 'demo' | 'none';

/**
 * Reads `npm start`'s seeding switch: `--empty` or `SEED=none` start empty, `SEED=demo` (or nothing)
 * seeds an empty store; any other SEED value is an error, so a typo never seeds by surprise.
 *
 * Why a switch: seeding plays a whole year through the use cases in the background (about a
 * minute), which a developer trying one flow by hand may not want.
 */
export function readStartSeeding(argv: readonly string[], env: NodeJS.ProcessEnv): StartSeeding {
  const seed = env['SEED']?.trim().toLowerCase();
  if (argv.includes('--empty')) return 'none';
  if (seed === undefined || seed === '' || seed === 'demo') return 'demo';
  if (seed === 'none') return 'none';
  const message = {
    zh: `SEED 只能是 demo 或 none，实际为“${env['SEED']}”`,
    en: `SEED must be demo or none, got '${env['SEED']}'`,
  };
  throw new ValidationError(message, [{ path: 'SEED', message }]);
}

// ---------------------------------------------------------------------------------------------
// Seeding a running `npm start`: its tick must not move the seed's tenders on its own clock
// ---------------------------------------------------------------------------------------------

/** The file `npm run seed` keeps in the data folder (with its pid) while it seeds a running stack. */
export const SEED_LOCK_FILE = 'seeding.lock';

/** The file a running stack writes back once its tick is paused for that seed. */
export const TICK_PAUSED_FILE = 'seeding.tick-paused';

/** Whether a process id is alive. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Pauses the gateway's tick while another process seeds the same store (`npm start` calls it).
 *
 * Why: a 2022 tender is due the moment it is published (its deadline is long past in real time);
 * a tick running on the dev clock would open it, fail it or deem its award in the middle of the
 * seed. The seed writes {@link SEED_LOCK_FILE}; this answers with {@link TICK_PAUSED_FILE} once no
 * tick is running, and resumes the tick when the lock goes (or its process dies). Returns a stop.
 */
export function pauseTickWhileSeeding(
  dataDir: string,
  gateway: Pick<LocalGateway, 'holdTick'>,
  intervalMs = 250,
): () => void {
  const lock = join(dataDir, SEED_LOCK_FILE);
  const paused = join(dataDir, TICK_PAUSED_FILE);
  let release: (() => void) | undefined;
  let pausing = false;
  const check = () => {
    let pid = Number.NaN;
    try {
      pid = Number(readFileSync(lock, 'utf8').trim());
    } catch {
      // no lock
    }
    const seeding = Number.isInteger(pid) && pid > 0 && isAlive(pid);
    if (seeding && !release && !pausing) {
      pausing = true;
      void gateway.holdTick().then((held) => {
        release = held;
        pausing = false;
        writeFileSync(paused, String(process.pid));
        console.log('Tick paused while npm run seed writes demo data 演示数据写入期间暂停定时任务');
      });
    } else if (!seeding && release) {
      release();
      release = undefined;
      rmSync(paused, { force: true });
      console.log('Tick resumed 定时任务已恢复');
    }
  };
  const timer = setInterval(check, intervalMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    release?.();
    rmSync(paused, { force: true });
  };
}

/** Whether DynamoDB answers at an endpoint within a short timeout. */
async function dynamoAnswers(endpoint: string): Promise<boolean> {
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  try {
    await client.send(new ListTablesCommand({ Limit: 1 }), { abortSignal: AbortSignal.timeout(2000) });
    return true;
  } catch {
    return false;
  } finally {
    client.destroy();
  }
}

/** Whether a local gateway answers on a port. */
async function gatewayAnswers(port: number): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/api/dev/clock`, {
      signal: AbortSignal.timeout(2000),
    });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * Asks a running stack to pause its tick (see {@link pauseTickWhileSeeding}); returns the release.
 * Throws when a gateway runs but does not answer (another data folder, or an older `npm start`).
 */
async function pauseRunningTick(dataDir: string, gatewayPort: number): Promise<() => void> {
  const lock = join(dataDir, SEED_LOCK_FILE);
  const paused = join(dataDir, TICK_PAUSED_FILE);
  writeFileSync(lock, String(process.pid));
  const release = () => rmSync(lock, { force: true });
  process.once('exit', release);
  const until = Date.now() + 5000;
  while (Date.now() < until) {
    if (existsSync(paused)) return release;
    await new Promise((done) => setTimeout(done, 100));
  }
  if (await gatewayAnswers(gatewayPort)) {
    release();
    throw new Error(
      `本地网关正在运行但未暂停定时任务（数据目录是否为 ${dataDir}？）/ The local gateway on port ${gatewayPort} did not pause its tick (is it using DATA_DIR=${dataDir}?). Stop it and run npm run seed again.`,
    );
  }
  return release; // DynamoDB without a gateway: nothing ticks.
}

/** Points the adapters at the emulators, as startLocalGateway does, and makes sure table and bucket exist. */
async function pointAtEmulators(endpoints: { dynamo: string; s3: string }): Promise<void> {
  process.env[ENV.tableName] = LOCAL_NAMES.table;
  process.env[ENV.bucketName] = LOCAL_NAMES.bucket;
  process.env[ENV.dynamoEndpoint] = endpoints.dynamo;
  process.env[ENV.s3Endpoint] = endpoints.s3;
  process.env['AWS_REGION'] ??= 'us-east-1';
  const dynamo = localDynamoClient(endpoints.dynamo);
  await ensureTable(dynamo, LOCAL_NAMES.table);
  dynamo.destroy();
  const s3 = createS3Client();
  await ensureBucket(s3, LOCAL_NAMES.bucket);
  s3.destroy();
}

/**
 * Seeds the store the environment points at, unless the demo year is there already; `beforeSeeding`
 * runs only when it will seed (it pauses a running stack's tick) and returns what undoes it.
 */
async function seedStore(dataDir: string, beforeSeeding?: () => Promise<() => void>): Promise<boolean> {
  provideS3DocumentStore();
  const deps = createDeps(createDevClock(dataDir));
  if (await hasSeedYearAwards(deps)) {
    console.log(
      `${SEED_YEAR}年已有成交记录，未重复生成演示数据。/ ${SEED_YEAR} already has awards; nothing seeded (running it again would double the figures).`,
    );
    return false;
  }
  const undo = beforeSeeding ? await beforeSeeding() : undefined;
  try {
    const started = Date.now();
    const summary = await seedDemoData(deps);
    console.log(`Seeded in 用时 ${((Date.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(summary)}`);
  } finally {
    undo?.();
  }
  return true;
}

/**
 * `npm run seed`: into a running `npm start` when DynamoDB answers at DYNAMODB_ENDPOINT (default
 * http://127.0.0.1:8000), its tick paused meanwhile; otherwise on the data folder itself (DATA_DIR or
 * `.data/`), starting and stopping the emulators on DYNAMODB_PORT / S3_PORT.
 */
async function main(): Promise<void> {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
  const dataDir = resolve(process.env['DATA_DIR'] ?? join(root, '.data'));
  const dynamoEndpoint = process.env[ENV.dynamoEndpoint] ?? 'http://127.0.0.1:8000';
  const dynamoPort = Number(process.env['DYNAMODB_PORT'] ?? (new URL(dynamoEndpoint).port || 8000));
  const s3Port = Number(process.env['S3_PORT'] ?? 4569);
  process.once('SIGINT', () => process.exit(130));
  mkdirSync(dataDir, { recursive: true });
  if (await dynamoAnswers(dynamoEndpoint)) {
    console.log(
      `DynamoDB answers at ${dynamoEndpoint}: seeding the running local stack 写入正在运行的本地环境`,
    );
    await pointAtEmulators({
      dynamo: dynamoEndpoint,
      s3: process.env[ENV.s3Endpoint] ?? `http://127.0.0.1:${s3Port}`,
    });
    await seedStore(dataDir, () => pauseRunningTick(dataDir, Number(process.env['PORT'] ?? 3000)));
    return;
  }
  console.log(`Starting DynamoDB Local and s3rver on ${dataDir} … 启动本地模拟服务`);
  const emulators = await startEmulators({ dataDir, persistDynamo: true, dynamoPort, s3Port });
  try {
    await pointAtEmulators(emulators.endpoints);
    await seedStore(dataDir);
  } finally {
    await emulators.stop();
  }
  console.log(`Emulators stopped 已停止; npm start serves the data 数据目录 ${dataDir}`);
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;

if (invokedDirectly) {
  main()
    .then(() => process.exit(0))
    .catch((error: unknown) => {
      console.error('Seeding failed 演示数据生成失败:', error);
      process.exit(1);
    });
}
