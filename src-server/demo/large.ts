import { v7 as uuidv7 } from 'uuid';
import { edrpouCheckDigit } from '@shared/service/edrpou';
import { ProductSchema, SupplierSchema, type ProductCategory, type ProductSpecs } from '@shared/service/catalogue';
import type { Db } from '../store/database';
import { insertProduct, insertSupplier, type NewProduct, type NewSupplier } from '../store/catalogue';

/**
 * BENCHMARK AND DEMO ONLY: a large synthetic catalogue (20 000 products is
 * the figure issue 4 benchmarks), generated deterministically from a seed.
 * Names, makers, descriptions and specifications vary in Ukrainian and Latin
 * script alike, so full-text search over them behaves as on a real
 * catalogue; every row obeys the shared schemas. Written in one transaction.
 *
 * Orders are not here: the order model arrives with issue 5, which adds a
 * `seedLargeOrders` beside this (and `--order-lines` to scripts/seed-large.ts)
 * for the benchmark's 5 000 order lines in the `orders` scope.
 */

export interface LargeCatalogueOptions {
  products: number;
  /** Default: one maker per 200 products, between 12 and 150. */
  suppliers?: number;
  /** Same seed, same catalogue (ids aside, which are UUID v7). Default 4. */
  seed?: number;
}

export interface LargeCatalogueReport {
  suppliers: number;
  products: number;
  ms: number;
}

/** mulberry32: small, fast, good enough to vary test data reproducibly. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;
const between = (rng: Rng, min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));
const round = (value: number, step: number): number => Math.max(step, Math.round(value / step) * step);
const some = <T>(rng: Rng, items: readonly T[], min: number, max: number): T[] =>
  [...items].sort(() => rng() - 0.5).slice(0, between(rng, min, Math.min(max, items.length)));

const UA_ROOTS = [
  'Сокіл', 'Беркут', 'Шершень', 'Оса', 'Грім', 'Буревій', 'Стриж', 'Яструб', 'Кречет', 'Сапсан', 'Лелека', 'Ворон',
  'Рись', 'Вовк', 'Тур', 'Зубр', 'Перун', 'Довбуш', 'Карпати', 'Дніпро', 'Сіверян', 'Полісся', 'Таврія', 'Оберіг',
  'Гарт', 'Сталь', 'Кремінь', 'Граніт', 'Промінь', 'Зоря', 'Блискавка', 'Вітрило', 'Стріла', 'Спис', 'Молот', 'Щит',
] as const;
const LATIN_ROOTS = [
  'Hornet', 'Kestrel', 'Valkyr', 'Skyforge', 'Nordex', 'Aerolit', 'Fenix', 'Vortex', 'Wasp', 'Stryx', 'Raptor', 'Falco',
  'Griffon', 'Aquila', 'Corvus', 'Lynx', 'Taurus', 'Orion', 'Helix', 'Tempest', 'Quasar', 'Spectra', 'Zenit', 'Argus',
] as const;
const UA_SUFFIXES = ['Дрон', 'Аеро', 'Системз', 'Інжиніринг', 'Лаб', 'Дефенс', 'Авіа', 'Робототехніка', 'Радіо', 'Тех'] as const;
const LATIN_SUFFIXES = ['Dynamics', 'Aero', 'Robotics', 'Systems', 'Defense', 'Labs', 'Tech', 'Avionics'] as const;
const CITIES = [
  'Київ', 'Львів', 'Дніпро', 'Харків', 'Вінниця', 'Житомир', 'Полтава', 'Черкаси', 'Запоріжжя', 'Одеса', 'Івано-Франківськ',
  'Тернопіль', 'Луцьк', 'Рівне', 'Хмельницький', 'Чернівці', 'Ужгород', 'Суми', 'Чернігів', 'Кропивницький', 'Миколаїв',
] as const;

const CATEGORY_WEIGHTS: ReadonlyArray<[ProductCategory, number]> = [
  ['fpv_strike', 35],
  ['recon_quadcopter', 12],
  ['fixed_wing_recon', 6],
  ['heavy_bomber', 6],
  ['interceptor', 6],
  ['ew', 12],
  ['ground_robot', 5],
  ['component', 18],
];

/** Price range per category in whole hryvnias (log-uniform within it). */
const PRICE_UAH: Record<ProductCategory, [number, number]> = {
  fpv_strike: [9_000, 110_000],
  recon_quadcopter: [60_000, 650_000],
  fixed_wing_recon: [450_000, 4_500_000],
  heavy_bomber: [180_000, 900_000],
  interceptor: [35_000, 160_000],
  ew: [25_000, 2_000_000],
  ground_robot: [280_000, 3_000_000],
  component: [900, 60_000],
};

const CONTROL = ['868 MHz', '915 MHz', '720–1020 MHz (перестроювана)', '2.4 GHz', '1.4 GHz', 'Mesh 1.4 GHz', '433 MHz'] as const;
const VIDEO = ['5.8 GHz', '1.2 GHz', '3.3 GHz', '4.9–6.0 GHz', '1.4 GHz', '2.4 GHz'] as const;
const CAMERAS = [
  'CMOS 1200TVL', 'CMOS 1500TVL', 'Starlight 1/1.8"', 'цифрова 1080p, 60 к/с', 'тепловізор 384×288', 'тепловізор 640×512',
  '48 Мп, 4K, 12× гібридний зум', 'Sony IMX 4K HDR', 'thermal 640×512, 50 Hz', 'day/night 30× optical zoom',
] as const;
const CHEMISTRY = ['Li-ion 21700', 'LiPo 100C', 'LiFePO4', 'Li-ion 18650', 'Li-ion Molicel P45B', 'LiHV'] as const;
const BANDS_EW = ['400–480 MHz', '720–1050 MHz', '1.1–1.3 GHz', '1.5 GHz', '2.4 GHz', '3.2–3.4 GHz', '5.2 GHz', '5.8 GHz', 'GNSS L1/L2'] as const;

interface Maker {
  id: string;
  brand: string;
  prefix: string;
  latin: boolean;
  weight: number;
}

function makeSuppliers(rng: Rng, count: number, taken: ReadonlySet<string>): { rows: NewSupplier[]; makers: Maker[] } {
  const rows: NewSupplier[] = [];
  const makers: Maker[] = [];
  const brands = new Set<string>();
  const codes = new Set<string>(taken);
  while (rows.length < count) {
    const latin = rng() < 0.4;
    const root = latin ? pick(rng, LATIN_ROOTS) : pick(rng, UA_ROOTS);
    let brand: string = root;
    for (let n = 2; brands.has(brand); n += 1) brand = latin ? `${root} ${pick(rng, ['Pro', 'Air', 'Tactical', 'One', 'X'])}${n > 3 ? ` ${n}` : ''}` : `${root}-${n}`;
    brands.add(brand);
    let edrpou = '';
    while (edrpou === '' || codes.has(edrpou)) {
      const seven = `${pick(rng, ['3', '4', '4', '4'])}${String(between(rng, 0, 999_999)).padStart(6, '0')}`;
      const check = edrpouCheckDigit(seven);
      edrpou = check === null ? '' : `${seven}${check}`;
    }
    codes.add(edrpou);
    const suffix = latin ? pick(rng, LATIN_SUFFIXES) : pick(rng, UA_SUFFIXES);
    const legal = rng() < 0.85 ? 'ТОВ' : 'ПП';
    const row = SupplierSchema.omit({ changeSeq: true }).parse({
      id: uuidv7(),
      name: `${legal} «${brand} ${suffix}»`,
      brand,
      edrpou,
      city: pick(rng, CITIES),
    });
    rows.push(row);
    const prefix = (latin ? brand.replace(/[^A-Za-z]/gu, '') : transliterate(brand)).slice(0, 3).toUpperCase();
    // A few makers are large, most are small, as on the real marketplace.
    makers.push({ id: row.id, brand, prefix, latin, weight: 1 / (rows.length ** 0.7) });
  }
  return { rows, makers };
}

const TRANSLIT: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'h', ґ: 'g', д: 'd', е: 'e', є: 'ie', ж: 'zh', з: 'z', и: 'y', і: 'i', ї: 'i', й: 'i', к: 'k', л: 'l',
  м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ь: '', ю: 'iu', я: 'ia',
};
function transliterate(text: string): string {
  return [...text.toLowerCase()].map((c) => TRANSLIT[c] ?? (/[a-z0-9]/u.test(c) ? c : '')).join('');
}

function pickMaker(rng: Rng, makers: readonly Maker[], total: number): Maker {
  let target = rng() * total;
  for (const maker of makers) {
    target -= maker.weight;
    if (target <= 0) return maker;
  }
  return makers.at(-1) as Maker;
}

function pickCategory(rng: Rng): ProductCategory {
  let target = rng() * 100;
  for (const [category, weight] of CATEGORY_WEIGHTS) {
    target -= weight;
    if (target <= 0) return category;
  }
  return 'component';
}

interface Draft {
  name: string;
  description: string;
  specs: ProductSpecs;
}

function draft(rng: Rng, category: ProductCategory, maker: Maker, model: number): Draft {
  const b = maker.brand;
  const mk = maker.latin ? `Mk${between(rng, 1, 5)}` : `М${between(rng, 1, 5)}`;
  switch (category) {
    case 'fpv_strike': {
      const size = pick(rng, [7, 8, 10, 10, 10, 13, 15]);
      const fibre = rng() < 0.25;
      const thermal = rng() < 0.3;
      const variant = fibre
        ? maker.latin ? `Fiber ${pick(rng, [5, 10, 15, 20])}` : `ВО-${pick(rng, [5, 10, 12, 15, 20])}`
        : thermal ? (maker.latin ? 'Night' : pick(rng, ['Нічний', 'Термо'])) : maker.latin ? pick(rng, ['Strike', 'Heavy', 'Digital', 'Lancer']) : pick(rng, ['Удар', 'Важкий', 'Цифра', 'Кінжал', 'Бур']);
      const range = fibre ? pick(rng, [5, 10, 12, 15, 20]) : between(rng, 5, 18);
      const specs: ProductSpecs = {
        frameSizeInch: size,
        ...(fibre ? { videoLink: 'fibre_optic' as const, fibreLengthKm: range } : { controlBands: some(rng, CONTROL, 1, 2), videoBands: some(rng, VIDEO, 1, 2), videoLink: rng() < 0.2 ? ('digital' as const) : ('analogue' as const) }),
        camera: thermal ? pick(rng, ['тепловізор 384×288', 'тепловізор 640×512', 'thermal 640×512, 50 Hz']) : pick(rng, CAMERAS.slice(0, 4)),
        ...(thermal ? { thermalCamera: true } : {}),
        rangeKm: range,
        payloadKg: Math.round((0.5 + size * 0.25 * rng()) * 10) / 10,
        flightTimeMin: between(rng, 7, 22),
        maxSpeedKmh: between(rng, 90, 160),
        weightKg: Math.round((0.6 + size * 0.18 + rng()) * 100) / 100,
      };
      return {
        name: maker.latin ? `${b} X${size} ${variant} ${mk}` : `${b}-${size} ${variant} ${mk}`,
        description: `${fibre ? 'Оптоволоконний' : 'Ударний'} FPV ${size}" ${pick(rng, ['для ураження живої сили та легкої техніки', 'для ураження броньованої техніки', 'для роботи в умовах потужного РЕБ', 'для нічних вильотів', 'для масового застосування підрозділами'])}. ${pick(rng, ['Рама з карбону, захищена електроніка.', 'Сумісний з платою ініціації стандарту НАТО.', 'Швидка заміна АКБ у польових умовах.', 'Field-proven airframe, modular payload mount.'])} Модель ${model}.`,
        specs,
      };
    }
    case 'recon_quadcopter': {
      const thermal = rng() < 0.45;
      return {
        name: maker.latin ? `${b} Scout ${pick(rng, ['Mini', 'Pro', 'Zoom', 'Thermal', 'Nano'])} ${model % 97}` : `${b}-Розвідник ${pick(rng, ['Міні', 'Про', 'Зум', 'Термо', 'Нано'])} ${model % 97}`,
        description: `Розвідувальний квадрокоптер ${pick(rng, ['для взводу', 'для батальйону', 'для корегування вогню', 'для спостереження з безпечної відстані'])}: ${thermal ? 'тепловізор і денна камера' : 'денна камера з зумом'}, шифрований канал ${pick(rng, ['AES-256', 'з перестроюванням частоти'])}.`,
        specs: {
          controlBands: some(rng, CONTROL, 1, 3),
          videoBands: some(rng, VIDEO, 1, 2),
          videoLink: 'digital',
          camera: thermal ? `${pick(rng, CAMERAS.slice(6))} + тепловізор 640×512` : pick(rng, CAMERAS.slice(6)),
          ...(thermal ? { thermalCamera: true } : {}),
          rangeKm: between(rng, 4, 25),
          flightTimeMin: between(rng, 25, 55),
          weightKg: Math.round((0.25 + rng() * 2.5) * 100) / 100,
        },
      };
    }
    case 'fixed_wing_recon':
      return {
        name: maker.latin ? `${b} Wing ${pick(rng, ['R', 'LR', 'VTOL'])}-${between(rng, 2, 9)}` : `${b} Крило ${pick(rng, ['Р', 'Д', 'ВЗП'])}-${between(rng, 2, 9)}`,
        description: `Розвідувальний БпЛА літакового типу ${pick(rng, ['з вертикальним злетом', 'з катапультним стартом', 'з ручним запуском'])}; ретрансляція, картографування, наведення артилерії.`,
        specs: {
          controlBands: some(rng, CONTROL, 1, 2),
          videoBands: some(rng, VIDEO, 1, 2),
          videoLink: 'digital',
          camera: pick(rng, ['гіростабілізований 30× + тепловізор', 'EO/IR gimbal, 20× zoom', 'картографічна 42 Мп']),
          thermalCamera: rng() < 0.7,
          rangeKm: between(rng, 30, 180),
          flightTimeMin: between(rng, 90, 600),
          maxSpeedKmh: between(rng, 70, 160),
          weightKg: Math.round((3 + rng() * 25) * 10) / 10,
        },
      };
    case 'heavy_bomber':
      return {
        name: maker.latin ? `${b} Heavy ${between(rng, 4, 8)}X` : `${b} Бомбер ${pick(rng, ['Б', 'Н', 'В'])}${between(rng, 4, 8)}`,
        description: `Важкий мультикоптер-бомбардувальник для нічного скидання боєприпасів; ${pick(rng, ['тепловізор у базі', 'вантажопідйомність до 20 кг', 'GPS-незалежна навігація'])}.`,
        specs: {
          controlBands: some(rng, CONTROL, 1, 2),
          videoBands: some(rng, VIDEO, 1, 2),
          videoLink: rng() < 0.5 ? 'digital' : 'analogue',
          camera: pick(rng, CAMERAS),
          thermalCamera: true,
          payloadKg: between(rng, 5, 25),
          rangeKm: between(rng, 5, 20),
          flightTimeMin: between(rng, 18, 45),
          weightKg: between(rng, 15, 60),
        },
      };
    case 'interceptor':
      return {
        name: maker.latin ? `${b} Interceptor ${between(rng, 1, 9)}${pick(rng, ['', 'T', 'AI'])}` : `${b} Перехоплювач ${between(rng, 1, 9)}${pick(rng, ['', 'Т', 'ШІ'])}`,
        description: `Дрон-перехоплювач ${pick(rng, ['розвідувальних БпЛА', 'ударних дронів типу Shahed', 'ворожих FPV'])}: висока швидкість набору висоти, ${pick(rng, ['автосупровід цілі', 'наведення з наземного радара', 'тепловізор'])}.`,
        specs: {
          controlBands: some(rng, CONTROL, 1, 2),
          videoBands: some(rng, VIDEO, 1, 1),
          videoLink: 'analogue',
          camera: pick(rng, CAMERAS.slice(0, 6)),
          rangeKm: between(rng, 5, 25),
          maxSpeedKmh: between(rng, 200, 350),
          flightTimeMin: between(rng, 6, 15),
          weightKg: Math.round((0.8 + rng() * 2) * 100) / 100,
        },
      };
    case 'ew': {
      const kind = pick(rng, ['Окоп', 'Рюкзак', 'Мобіль', 'Купол', 'Детектор']);
      const detector = kind === 'Детектор';
      return {
        name: maker.latin ? `${b} ${detector ? 'Detector' : 'Jammer'} ${pick(rng, ['T', 'P', 'V', 'S'])}${between(rng, 3, 12)}` : `${b}-${kind} ${between(rng, 3, 12)}`,
        description: detector
          ? `Пасивний детектор дронів ${pick(rng, ['з пеленгацією', 'з вібросигналом', 'для штурмових груп'])}: попереджає про FPV і розвідувальні БпЛА, не випромінює.`
          : `Засіб РЕБ ${pick(rng, ['окопний', 'носимий', 'автомобільний', 'стаціонарний'])} для захисту ${pick(rng, ['позиції', 'техніки на марші', 'пунктів управління', 'штурмової групи'])} від FPV.`,
        specs: {
          coveredBands: some(rng, BANDS_EW, 2, 8),
          ...(detector ? {} : { outputPowerW: between(rng, 10, 600) }),
          coverageRadiusM: round(between(rng, 100, 3000), 50),
          weightKg: Math.round((0.5 + rng() * 60) * 10) / 10,
          powerSupply: pick(rng, ['АКБ 24 В, 3 год', 'АКБ 12 В, 8 год', 'бортова мережа 12/24 В', '220 В / генератор', 'built-in battery, 10 h']),
        },
      };
    }
    case 'ground_robot': {
      const tracked = rng() < 0.6;
      return {
        name: maker.latin ? `${b} UGV ${pick(rng, ['Mule', 'Ant', 'Ox', 'Badger'])}-${round(between(rng, 50, 600), 50)}` : `${b} НРК ${pick(rng, ['Віл', 'Мураха', 'Тягач', 'Борсук'])}-${round(between(rng, 50, 600), 50)}`,
        description: `${tracked ? 'Гусеничний' : 'Колісний'} наземний роботизований комплекс ${pick(rng, ['для логістики', 'для евакуації поранених', 'для мінування', 'з бойовим модулем'])}.`,
        specs: {
          drive: tracked ? 'tracked' : 'wheeled',
          controlBands: some(rng, CONTROL, 1, 3),
          videoBands: some(rng, VIDEO, 1, 2),
          videoLink: 'digital',
          camera: pick(rng, ['курсова денна/нічна', '4 камери кругового огляду + тепловізор', 'прицільний модуль 20×']),
          payloadKg: round(between(rng, 40, 600), 10),
          rangeKm: between(rng, 3, 30),
          enduranceHours: between(rng, 3, 12),
          weightKg: round(between(rng, 50, 800), 5),
        },
      };
    }
    case 'component': {
      const kind = pick(rng, ['battery', 'battery', 'goggles', 'radio', 'antenna', 'spool', 'charger']);
      if (kind === 'battery') {
        const cells = pick(rng, ['4S', '6S1P', '6S2P', '6S3P', '12S']);
        const capacity = round(between(rng, 1500, 24_000), 500);
        return {
          name: maker.latin ? `${b} Power ${cells} ${capacity} mAh` : `АКБ ${b} ${cells} ${capacity} мА·год`,
          description: `Батарея для ${pick(rng, ['FPV 7–10"', 'важких 13–15" FPV', 'розвідувальних квадрокоптерів', 'бомбардувальників'])} з балансувальним роз’ємом${rng() < 0.3 ? ' і підігрівом' : ''}.`,
          specs: { capacityMah: capacity, cellConfiguration: cells, chemistry: pick(rng, CHEMISTRY), weightKg: Math.round((capacity / 9000 + rng() * 0.3) * 100) / 100 },
        };
      }
      if (kind === 'goggles') {
        return {
          name: maker.latin ? `${b} FPV Goggles ${pick(rng, ['A', 'D', 'HD'])}${between(rng, 1, 4)}` : `FPV-окуляри ${b} ${pick(rng, ['А', 'Ц', 'HD'])}${between(rng, 1, 4)}`,
          description: `FPV-окуляри з ${pick(rng, ['OLED-дисплеями', 'приймачем з розмаїттям', 'записом DVR'])}.`,
          specs: { videoBands: some(rng, VIDEO, 1, 2), videoLink: rng() < 0.5 ? 'digital' : 'analogue', display: pick(rng, ['OLED 1280×960, 46°', 'OLED 1920×1080, 51°']), weightKg: 0.3 },
        };
      }
      if (kind === 'radio') {
        return {
          name: maker.latin ? `${b} Radio TX${between(rng, 8, 16)}` : `Пульт ${b} П-${between(rng, 8, 16)}`,
          description: 'Апаратура радіокерування з модулем ELRS, потужність до 1 Вт.',
          specs: { controlBands: some(rng, CONTROL, 1, 3), outputPowerW: pick(rng, [0.5, 1, 2]), weightKg: 0.6 },
        };
      }
      if (kind === 'antenna') {
        return {
          name: maker.latin ? `${b} Patch ${pick(rng, VIDEO)}` : `Антена ${b} ${pick(rng, VIDEO)}`,
          description: `Спрямована антена з підсиленням ${between(rng, 8, 16)} дБі.`,
          specs: { videoBands: some(rng, VIDEO, 1, 1), weightKg: 0.12 },
        };
      }
      if (kind === 'spool') {
        const km = pick(rng, [5, 10, 15, 20]);
        return {
          name: maker.latin ? `${b} Fiber Spool ${km} km` : `Котушка ВО ${b} ${km} км`,
          description: `Змінна котушка оптоволокна ${km} км.`,
          specs: { fibreLengthKm: km, weightKg: Math.round(km * 0.09 * 100) / 100 },
        };
      }
      return {
        name: maker.latin ? `${b} Charger ${between(rng, 2, 8)}x` : `Зарядна станція ${b} на ${between(rng, 2, 8)} АКБ`,
        description: 'Польова зарядна станція від генератора або 24 В.',
        specs: { powerSupply: '220 В / 24 В', outputPowerW: round(between(rng, 200, 1500), 50), weightKg: Math.round((2 + rng() * 6) * 10) / 10 },
      };
    }
  }
}

function makeProduct(rng: Rng, maker: Maker, index: number): NewProduct {
  const category = pickCategory(rng);
  const { name, description, specs } = draft(rng, category, maker, index);
  const [low, high] = PRICE_UAH[category];
  const priceUah = round(Math.exp(Math.log(low) + rng() * (Math.log(high) - Math.log(low))), 100);
  const inStock = rng() >= 0.25;
  const codified = rng() < 0.8;
  return {
    id: uuidv7(),
    supplierId: maker.id,
    sku: `${maker.prefix || 'QM'}-${category.slice(0, 3).toUpperCase()}-${String(index).padStart(5, '0')}`,
    name,
    category,
    description,
    specs,
    priceKopiykas: priceUah * 100,
    ePointsPrice: codified && category !== 'component' ? Math.max(1, Math.round(priceUah / 1000)) : null,
    stock: inStock ? between(rng, 1, category === 'component' ? 3000 : 400) : 0,
    leadTimeDays: inStock ? null : between(rng, 7, 60),
    codified,
    active: true,
  };
}

/** Add `products` synthetic products (and their makers) to the service's catalogue, in one transaction. */
export function seedLargeCatalogue(db: Db, options: LargeCatalogueOptions): LargeCatalogueReport {
  const started = performance.now();
  if (!Number.isInteger(options.products) || options.products < 1) throw new RangeError('products must be a whole number, 1 or more');
  const rng = random(options.seed ?? 4);
  const supplierCount = options.suppliers ?? Math.min(150, Math.max(12, Math.round(options.products / 200)));
  // ЄДРПОУ codes are unique: a second run (or the demo's makers) must not collide.
  const taken = new Set((db.prepare('SELECT edrpou FROM suppliers').all() as Array<{ edrpou: string }>).map((row) => row.edrpou));
  const { rows, makers } = makeSuppliers(rng, supplierCount, taken);
  const total = makers.reduce((sum, maker) => sum + maker.weight, 0);
  const validate = ProductSchema;
  db.transaction(() => {
    for (const supplier of rows) insertSupplier(db, supplier);
    for (let i = 1; i <= options.products; i += 1) {
      const product = makeProduct(rng, pickMaker(rng, makers, total), i);
      // The same contract as real data; a generator bug fails here, not in a client.
      validate.parse({ ...product, changeSeq: 0 });
      insertProduct(db, product);
    }
  })();
  return { suppliers: rows.length, products: options.products, ms: Math.round(performance.now() - started) };
}
