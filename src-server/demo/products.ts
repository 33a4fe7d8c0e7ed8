import type { Product, ProductCategory, ProductSpecs } from '@shared/service/catalogue';

/**
 * DEMO ONLY: an invented catalogue in the shape of the real one (FPV strike
 * drones incl. fibre-optic, recon quadcopters, fixed-wing recon, heavy
 * bombers, interceptors, EW, ground robots, batteries, goggles and other
 * components). Names and makers are made up; the figures are plausible for
 * each class, not any real product's. Prices are in whole hryvnias here and
 * stored as kopiykas; e-points prices are a rough 1 point per 1 000 UAH.
 */
export interface DemoProduct {
  supplier: string;
  sku: string;
  name: string;
  category: ProductCategory;
  priceUah: number;
  stock: number;
  leadTimeDays: number | null;
  codified: boolean;
  /** Offered in the e-points bonus programme. */
  bonus: boolean;
  description: string;
  specs: ProductSpecs;
}

/**
 * The demo product as the catalogue stores it (without its change sequence,
 * which the store assigns): the one place the demo's hryvnias become
 * kopiykas and its bonus flag an e-points price. The seed and the tests that
 * build catalogues from the demo all go through it.
 */
export function demoProductRow(demo: DemoProduct, ids: { id: string; supplierId: string }): Omit<Product, 'changeSeq'> {
  return {
    id: ids.id,
    supplierId: ids.supplierId,
    sku: demo.sku,
    name: demo.name,
    category: demo.category,
    description: demo.description,
    specs: demo.specs,
    priceKopiykas: demo.priceUah * 100,
    ePointsPrice: demo.bonus ? Math.max(1, Math.round(demo.priceUah / 1000)) : null,
    stock: demo.stock,
    leadTimeDays: demo.leadTimeDays,
    codified: demo.codified,
    active: true,
  };
}

const ELRS_900 = ['868 MHz', '915 MHz'];
const ELRS_WIDE = ['720–1020 MHz (перестроювана)'];
const ELRS_24 = ['2.4 GHz'];
const VIDEO_58 = ['5.8 GHz'];
const VIDEO_12_33 = ['1.2 GHz', '3.3 GHz'];
const VIDEO_WIDE = ['4.9–6.0 GHz'];

type Row = Omit<DemoProduct, 'bonus' | 'leadTimeDays'> & { leadTimeDays?: number; bonus?: boolean };

const ROWS: readonly Row[] = [
  // FPV strike drones: radio video link
  { supplier: 'vezha', sku: 'VZ-7U', name: 'Вежа-7 Удар', category: 'fpv_strike', priceUah: 14_800, stock: 420, codified: true,
    description: 'Ударний FPV 7" для ураження живої сили та легкої техніки; базова модель для навчання і масового застосування.',
    specs: { frameSizeInch: 7, controlBands: ELRS_900, videoBands: VIDEO_58, videoLink: 'analogue', camera: 'CMOS 1200TVL, 2.1 мм', rangeKm: 8, payloadKg: 1.2, flightTimeMin: 9, maxSpeedKmh: 130, weightKg: 0.95 } },
  { supplier: 'vezha', sku: 'VZ-10U', name: 'Вежа-10 Удар', category: 'fpv_strike', priceUah: 21_500, stock: 310, codified: true,
    description: 'Ударний FPV 10" з перестроюваним каналом керування для роботи в умовах РЕБ.',
    specs: { frameSizeInch: 10, controlBands: ELRS_WIDE, videoBands: VIDEO_12_33, videoLink: 'analogue', camera: 'CMOS 1500TVL', rangeKm: 12, payloadKg: 2.5, flightTimeMin: 12, maxSpeedKmh: 120, weightKg: 1.6 } },
  { supplier: 'vezha', sku: 'VZ-10N', name: 'Вежа-10 Нічний', category: 'fpv_strike', priceUah: 33_000, stock: 140, codified: true,
    description: 'Нічна версія 10" з тепловізійною камерою 384×288 для роботи в темну пору доби.',
    specs: { frameSizeInch: 10, controlBands: ELRS_WIDE, videoBands: VIDEO_12_33, videoLink: 'analogue', camera: 'тепловізор 384×288, 25 Гц', thermalCamera: true, rangeKm: 12, payloadKg: 2.2, flightTimeMin: 11, weightKg: 1.7 } },
  { supplier: 'vezha', sku: 'VZ-13H', name: 'Вежа-13 Важкий', category: 'fpv_strike', priceUah: 29_500, stock: 95, codified: true,
    description: 'Важкий FPV 13" для ураження броньованої техніки та укриттів.',
    specs: { frameSizeInch: 13, controlBands: ELRS_900, videoBands: VIDEO_12_33, videoLink: 'analogue', camera: 'CMOS 1500TVL', rangeKm: 12, payloadKg: 4, flightTimeMin: 10, maxSpeedKmh: 100, weightKg: 2.9 } },
  { supplier: 'vezha', sku: 'VZ-10D', name: 'Вежа-10 Цифра', category: 'fpv_strike', priceUah: 38_000, stock: 60, codified: true,
    description: 'FPV 10" з цифровим відеоканалом: чітке зображення для точного ураження на дальніх дистанціях.',
    specs: { frameSizeInch: 10, controlBands: ELRS_WIDE, videoBands: VIDEO_WIDE, videoLink: 'digital', camera: 'цифрова 1080p, 60 к/с', rangeKm: 15, payloadKg: 2.5, flightTimeMin: 12, weightKg: 1.7 } },
  { supplier: 'dzhmil', sku: 'DZ-7', name: 'Джміль-7', category: 'fpv_strike', priceUah: 13_500, stock: 800, codified: true,
    description: 'Масовий ударний FPV 7" з простим обслуговуванням у польових умовах.',
    specs: { frameSizeInch: 7, controlBands: ELRS_900, videoBands: VIDEO_58, videoLink: 'analogue', camera: 'CMOS 1200TVL', rangeKm: 7, payloadKg: 1, flightTimeMin: 8, maxSpeedKmh: 140, weightKg: 0.9 } },
  { supplier: 'dzhmil', sku: 'DZ-8-24', name: 'Джміль-8 2.4', category: 'fpv_strike', priceUah: 15_200, stock: 260, codified: true,
    description: 'FPV 8" з керуванням у діапазоні 2.4 ГГц — для ділянок, де придушено 900 МГц.',
    specs: { frameSizeInch: 8, controlBands: ELRS_24, videoBands: VIDEO_58, videoLink: 'analogue', camera: 'CMOS 1200TVL', rangeKm: 6, payloadKg: 1.5, flightTimeMin: 9, weightKg: 1.1 } },
  { supplier: 'dzhmil', sku: 'DZ-10T', name: 'Джміль-10 Термо', category: 'fpv_strike', priceUah: 31_900, stock: 120, codified: true,
    description: 'Нічний ударний FPV 10" з тепловізором 640×512.',
    specs: { frameSizeInch: 10, controlBands: ELRS_WIDE, videoBands: VIDEO_12_33, videoLink: 'analogue', camera: 'тепловізор 640×512', thermalCamera: true, rangeKm: 11, payloadKg: 2, flightTimeMin: 11, weightKg: 1.75 } },
  { supplier: 'dzhmil', sku: 'DZ-10AI', name: 'Джміль-10 Автонаведення', category: 'fpv_strike', priceUah: 46_000, stock: 0, leadTimeDays: 21, codified: false,
    description: 'FPV 10" з модулем автоматичного супроводу цілі на останніх 500 м: влучання навіть при втраті відеозв’язку.',
    specs: { frameSizeInch: 10, controlBands: ELRS_WIDE, videoBands: VIDEO_12_33, videoLink: 'analogue', camera: 'CMOS 1500TVL + обчислювальний модуль', rangeKm: 12, payloadKg: 2, flightTimeMin: 11, weightKg: 1.85, notes: 'Автосупровід з 500 м до цілі' } },
  { supplier: 'dzhmil', sku: 'DZ-15C', name: 'Джміль-15 Носій', category: 'fpv_strike', priceUah: 34_000, stock: 40, codified: true,
    description: 'Важкий 15" FPV для доставки великих бойових частин і скидання.',
    specs: { frameSizeInch: 15, controlBands: ELRS_900, videoBands: VIDEO_12_33, videoLink: 'analogue', camera: 'CMOS 1500TVL', rangeKm: 10, payloadKg: 5, flightTimeMin: 12, weightKg: 3.6 } },
  { supplier: 'dzhmil', sku: 'DZ-7TR', name: 'Джміль-7 Навчальний', category: 'fpv_strike', priceUah: 9_900, stock: 350, codified: false,
    description: 'Навчальний FPV 7" без кріплення бойової частини, посилена рама для тренувань операторів.',
    specs: { frameSizeInch: 7, controlBands: ELRS_900, videoBands: VIDEO_58, videoLink: 'analogue', camera: 'CMOS 1200TVL', rangeKm: 5, payloadKg: 0, flightTimeMin: 14, weightKg: 0.8 } },
  { supplier: 'vezha', sku: 'VZ-7R', name: 'Вежа-7 Розвідник', category: 'fpv_strike', priceUah: 17_400, stock: 75, codified: true,
    description: 'FPV 7" з додатковою курсовою камерою запису для дорозвідки перед ураженням.',
    specs: { frameSizeInch: 7, controlBands: ELRS_900, videoBands: VIDEO_WIDE, videoLink: 'analogue', camera: 'CMOS 1200TVL + запис 4K', rangeKm: 9, payloadKg: 0.8, flightTimeMin: 13, weightKg: 1 } },

  // FPV strike drones on optical fibre: immune to jamming
  { supplier: 'optolink', sku: 'OL-10-10', name: 'Оптолінк-10 ВО-10', category: 'fpv_strike', priceUah: 62_000, stock: 150, codified: true,
    description: 'FPV 10" з керуванням і відео по оптоволокну 10 км: не чутливий до засобів РЕБ.',
    specs: { frameSizeInch: 10, videoLink: 'fibre_optic', fibreLengthKm: 10, camera: 'CMOS 1080p', rangeKm: 10, payloadKg: 2, flightTimeMin: 15, weightKg: 2.4 } },
  { supplier: 'optolink', sku: 'OL-10-15', name: 'Оптолінк-10 ВО-15', category: 'fpv_strike', priceUah: 74_000, stock: 80, codified: true,
    description: 'Оптоволоконний FPV 10" з котушкою 15 км.',
    specs: { frameSizeInch: 10, videoLink: 'fibre_optic', fibreLengthKm: 15, camera: 'CMOS 1080p', rangeKm: 15, payloadKg: 1.8, flightTimeMin: 18, weightKg: 2.7 } },
  { supplier: 'optolink', sku: 'OL-13-20', name: 'Оптолінк-13 ВО-20', category: 'fpv_strike', priceUah: 96_000, stock: 0, leadTimeDays: 30, codified: true,
    description: 'Важкий оптоволоконний FPV 13" з котушкою 20 км для ураження логістики в глибині.',
    specs: { frameSizeInch: 13, videoLink: 'fibre_optic', fibreLengthKm: 20, camera: 'CMOS 1080p', rangeKm: 20, payloadKg: 3, flightTimeMin: 22, weightKg: 4.1 } },
  { supplier: 'optolink', sku: 'OL-10-10T', name: 'Оптолінк-10 ВО Термо', category: 'fpv_strike', priceUah: 88_000, stock: 35, codified: true,
    description: 'Оптоволоконний FPV 10" з тепловізором для нічних вилетів.',
    specs: { frameSizeInch: 10, videoLink: 'fibre_optic', fibreLengthKm: 10, camera: 'тепловізор 640×512', thermalCamera: true, rangeKm: 10, payloadKg: 1.8, flightTimeMin: 15, weightKg: 2.5 } },
  { supplier: 'dzhmil', sku: 'DZ-10FO', name: 'Джміль-10 Оптика', category: 'fpv_strike', priceUah: 49_000, stock: 110, codified: true,
    description: 'Доступний оптоволоконний FPV 10" з котушкою 5 км для ближньої зони.',
    specs: { frameSizeInch: 10, videoLink: 'fibre_optic', fibreLengthKm: 5, camera: 'CMOS 1200TVL', rangeKm: 5, payloadKg: 2, flightTimeMin: 12, weightKg: 2.1 } },
  { supplier: 'vezha', sku: 'VZ-10FO12', name: 'Вежа-10 ВО-12', category: 'fpv_strike', priceUah: 69_500, stock: 0, leadTimeDays: 14, codified: true,
    description: 'Оптоволоконний FPV 10" з котушкою 12 км і посиленою рамою.',
    specs: { frameSizeInch: 10, videoLink: 'fibre_optic', fibreLengthKm: 12, camera: 'CMOS 1080p', rangeKm: 12, payloadKg: 2.2, flightTimeMin: 16, weightKg: 2.6 } },

  // Recon quadcopters
  { supplier: 'sova', sku: 'SV-2M', name: 'Сова-2 Міні', category: 'recon_quadcopter', priceUah: 145_000, stock: 45, codified: true,
    description: 'Складаний розвідувальний квадрокоптер для взводу: 4K-камера з 12× зумом, шифрований канал.',
    specs: { controlBands: ['2.4 GHz', '5.8 GHz'], videoBands: ['2.4 GHz', '5.8 GHz'], videoLink: 'digital', camera: '48 Мп, 4K, 12× гібридний зум', rangeKm: 8, flightTimeMin: 38, weightKg: 0.9 } },
  { supplier: 'sova', sku: 'SV-3T', name: 'Сова-3 Термо', category: 'recon_quadcopter', priceUah: 285_000, stock: 20, codified: true,
    description: 'Розвідувальний квадрокоптер з тепловізором 640×512 і денною камерою; корегування вогню вдень і вночі.',
    specs: { controlBands: ['1.4 GHz', '2.4 GHz'], videoBands: ['1.4 GHz', '2.4 GHz'], videoLink: 'digital', camera: '48 Мп + тепловізор 640×512', thermalCamera: true, rangeKm: 15, flightTimeMin: 45, weightKg: 1.6 } },
  { supplier: 'sova', sku: 'SV-3Z', name: 'Сова-3 Зум', category: 'recon_quadcopter', priceUah: 240_000, stock: 12, codified: true,
    description: 'Квадрокоптер спостереження з 56× гібридним зумом для роботи з безпечної відстані.',
    specs: { controlBands: ['1.4 GHz', '2.4 GHz'], videoBands: ['1.4 GHz', '2.4 GHz'], videoLink: 'digital', camera: '1/2" 48 Мп, 56× гібридний зум', rangeKm: 15, flightTimeMin: 42, weightKg: 1.5 } },
  { supplier: 'sova', sku: 'SV-TETHER', name: 'Сова-П Прив’язна', category: 'recon_quadcopter', priceUah: 610_000, stock: 0, leadTimeDays: 45, codified: false,
    description: 'Прив’язний квадрокоптер для цілодобового спостереження з висоти до 100 м; живлення по кабелю.',
    specs: { videoLink: 'digital', camera: 'тепловізор 640×512 + 30× оптичний зум', thermalCamera: true, rangeKm: 0.1, flightTimeMin: 1440, weightKg: 6.5, powerSupply: 'наземний блок 220 В / генератор', notes: 'Кабель-трос 120 м' } },
  { supplier: 'sova', sku: 'SV-NANO', name: 'Сова-Скаут Нано', category: 'recon_quadcopter', priceUah: 68_000, stock: 90, codified: true,
    description: 'Нано-дрон 250 г для розвідки будівель і посадок на ближній дистанції.',
    specs: { controlBands: ['2.4 GHz'], videoBands: ['2.4 GHz'], videoLink: 'digital', camera: '12 Мп, 2.7K', rangeKm: 2, flightTimeMin: 25, weightKg: 0.25 } },

  // Fixed-wing reconnaissance
  { supplier: 'step', sku: 'ST-1M', name: 'Степ-1М', category: 'fixed_wing_recon', priceUah: 780_000, stock: 6, codified: true,
    description: 'Малий розвідувальний літак з запуском з руки: комплект з двох бортів і наземної станції.',
    specs: { controlBands: ['1.3 GHz', '2.4 GHz'], videoBands: ['1.3 GHz'], videoLink: 'digital', camera: 'гіростабілізована денна 10× / тепловізор 384×288', thermalCamera: true, rangeKm: 30, flightTimeMin: 90, maxSpeedKmh: 95, weightKg: 3.8 } },
  { supplier: 'step', sku: 'ST-2', name: 'Степ-2', category: 'fixed_wing_recon', priceUah: 2_950_000, stock: 3, codified: true,
    description: 'Розвідувальний комплекс тактичної ланки: два літаки, катапульта, наземна станція, корегування артилерії.',
    specs: { controlBands: ['1.3 GHz', '2.4 GHz'], videoBands: ['1.3 GHz', '2.4 GHz'], videoLink: 'digital', camera: 'двоканальна гіростабілізована: 30× денна + тепловізор 640×512', thermalCamera: true, rangeKm: 60, flightTimeMin: 180, maxSpeedKmh: 120, weightKg: 12.5 } },
  { supplier: 'step', sku: 'ST-3VTOL', name: 'Степ-3 ВЗП', category: 'fixed_wing_recon', priceUah: 6_400_000, stock: 0, leadTimeDays: 60, codified: false,
    description: 'Літак вертикального злету і посадки з тривалістю польоту до 8 годин; не потребує злітного майданчика.',
    specs: { controlBands: ['1.3 GHz', '2.4 GHz', 'супутниковий канал'], videoBands: ['1.3 GHz', '2.4 GHz'], videoLink: 'digital', camera: 'гіростабілізована 40× + тепловізор 640×512, лазерний далекомір', thermalCamera: true, rangeKm: 100, flightTimeMin: 480, maxSpeedKmh: 130, weightKg: 24 } },
  { supplier: 'step', sku: 'ST-1R', name: 'Степ-1Р Ретранслятор', category: 'fixed_wing_recon', priceUah: 820_000, stock: 4, codified: true,
    description: 'Літак-ретранслятор для подовження дальності FPV та розвідувальних засобів.',
    specs: { controlBands: ['868 MHz', '915 MHz', '2.4 GHz'], rangeKm: 40, flightTimeMin: 150, maxSpeedKmh: 90, weightKg: 4.5, notes: 'Ретрансляція керування і відео 1.2/5.8 ГГц' } },

  // Heavy bomber multicopters
  { supplier: 'kazhan', sku: 'KZ-H4', name: 'Кажан-Н4', category: 'heavy_bomber', priceUah: 265_000, stock: 18, codified: true,
    description: 'Квадрокоптер-бомбардувальник з системою скидання на 4 точки; нічна робота.',
    specs: { controlBands: ['868 MHz', '915 MHz'], videoBands: ['1.2 GHz'], videoLink: 'analogue', camera: 'тепловізор 384×288 + денна', thermalCamera: true, rangeKm: 8, payloadKg: 8, flightTimeMin: 25, weightKg: 14 } },
  { supplier: 'kazhan', sku: 'KZ-H6', name: 'Кажан-Н6', category: 'heavy_bomber', priceUah: 420_000, stock: 12, codified: true,
    description: 'Важкий гексакоптер нічного бомбардування: до 15 кг корисного навантаження.',
    specs: { controlBands: ELRS_WIDE, videoBands: VIDEO_12_33, videoLink: 'analogue', camera: 'тепловізор 640×512', thermalCamera: true, rangeKm: 10, payloadKg: 15, flightTimeMin: 30, weightKg: 22 } },
  { supplier: 'kazhan', sku: 'KZ-H8', name: 'Кажан-Н8', category: 'heavy_bomber', priceUah: 980_000, stock: 4, codified: true,
    description: 'Октокоптер для ураження укріплень і техніки: 25 кг навантаження, резервування двигунів.',
    specs: { controlBands: ELRS_WIDE, videoBands: ['1.2 GHz', '2.4 GHz'], videoLink: 'digital', camera: 'тепловізор 640×512 + 10× денна', thermalCamera: true, rangeKm: 12, payloadKg: 25, flightTimeMin: 28, weightKg: 38 } },
  { supplier: 'kazhan', sku: 'KZ-H6L', name: 'Кажан-Н6 Логістика', category: 'heavy_bomber', priceUah: 450_000, stock: 0, leadTimeDays: 25, codified: false,
    description: 'Вантажна версія гексакоптера для доставки боєприпасів, води та медикаментів на позиції.',
    specs: { controlBands: ELRS_WIDE, videoBands: VIDEO_12_33, videoLink: 'analogue', camera: 'тепловізор 384×288', thermalCamera: true, rangeKm: 10, payloadKg: 18, flightTimeMin: 30, weightKg: 22 } },

  // Interceptors
  { supplier: 'kibchyk', sku: 'KB-1', name: 'Кібчик-1', category: 'interceptor', priceUah: 95_000, stock: 70, codified: true,
    description: 'Дрон-перехоплювач для ураження ударних БпЛА типу «Шахед» за цілевказанням.',
    specs: { controlBands: ELRS_24, videoBands: VIDEO_58, videoLink: 'digital', camera: 'цифрова 1080p', rangeKm: 15, maxSpeedKmh: 300, flightTimeMin: 10, payloadKg: 0.5, weightKg: 1.9 } },
  { supplier: 'kibchyk', sku: 'KB-2', name: 'Кібчик-2', category: 'interceptor', priceUah: 128_000, stock: 25, codified: true,
    description: 'Швидкісний перехоплювач з інтеграцією цілевказання від радара.',
    specs: { controlBands: ['2.4 GHz', '868 MHz'], videoBands: VIDEO_WIDE, videoLink: 'digital', camera: 'цифрова 1080p', rangeKm: 25, maxSpeedKmh: 340, flightTimeMin: 12, payloadKg: 0.6, weightKg: 2.3 } },
  { supplier: 'kibchyk', sku: 'KB-1N', name: 'Кібчик-1Н', category: 'interceptor', priceUah: 118_000, stock: 30, codified: true,
    description: 'Нічний перехоплювач з тепловізійним каналом для роботи по цілях у темряві.',
    specs: { controlBands: ELRS_24, videoBands: VIDEO_58, videoLink: 'digital', camera: 'тепловізор 640×512', thermalCamera: true, rangeKm: 15, maxSpeedKmh: 290, flightTimeMin: 10, weightKg: 2 } },
  { supplier: 'kibchyk', sku: 'KB-M', name: 'Кібчик-М', category: 'interceptor', priceUah: 78_000, stock: 55, codified: true,
    description: 'Перехоплювач розвідувальних БпЛА літакового типу на малих висотах.',
    specs: { controlBands: ELRS_900, videoBands: VIDEO_58, videoLink: 'analogue', camera: 'CMOS 1500TVL', rangeKm: 10, maxSpeedKmh: 220, flightTimeMin: 9, weightKg: 1.4 } },
  { supplier: 'vezha', sku: 'VZ-INT', name: 'Вежа-Перехоплювач', category: 'interceptor', priceUah: 72_000, stock: 0, leadTimeDays: 18, codified: false,
    description: 'Перехоплювач на базі ударної платформи Вежа-7 з посиленими двигунами.',
    specs: { controlBands: ELRS_900, videoBands: VIDEO_58, videoLink: 'analogue', camera: 'CMOS 1200TVL', rangeKm: 8, maxSpeedKmh: 250, flightTimeMin: 8, weightKg: 1.3 } },

  // Electronic warfare
  { supplier: 'shchyt', sku: 'SC-OK3', name: 'Щит-Окоп 3', category: 'ew', priceUah: 72_000, stock: 130, codified: true,
    description: 'Окопний засіб РЕБ на 3 діапазони для захисту позиції від FPV.',
    specs: { coveredBands: ['720–1050 MHz', '2.4 GHz', '5.8 GHz'], outputPowerW: 25, coverageRadiusM: 300, weightKg: 4.5, powerSupply: 'АКБ 24 В, 4 год' } },
  { supplier: 'shchyt', sku: 'SC-OK6', name: 'Щит-Окоп 6', category: 'ew', priceUah: 165_000, stock: 60, codified: true,
    description: 'Окопний засіб РЕБ на 6 діапазонів, включно з відеоканалами 1.2 та 3.3 ГГц.',
    specs: { coveredBands: ['720–1050 MHz', '1.1–1.3 GHz', '1.5 GHz', '2.4 GHz', '3.2–3.4 GHz', '5.8 GHz'], outputPowerW: 30, coverageRadiusM: 400, weightKg: 9, powerSupply: 'АКБ 24 В, 3 год' } },
  { supplier: 'shchyt', sku: 'SC-MOB', name: 'Щит-Мобіль', category: 'ew', priceUah: 540_000, stock: 14, codified: true,
    description: 'Автомобільний засіб РЕБ для захисту техніки на марші, 8 діапазонів.',
    specs: { coveredBands: ['400–480 MHz', '720–1050 MHz', '1.1–1.3 GHz', '1.5 GHz', '2.4 GHz', '3.2–3.4 GHz', '5.2 GHz', '5.8 GHz'], outputPowerW: 100, coverageRadiusM: 600, weightKg: 32, powerSupply: 'бортова мережа 12/24 В' } },
  { supplier: 'shchyt', sku: 'SC-DET', name: 'Щит-Детектор', category: 'ew', priceUah: 38_000, stock: 240, codified: true,
    description: 'Пасивний детектор дронів: попереджає про FPV і розвідувальні БпЛА, не випромінює.',
    specs: { coveredBands: ['720–1050 MHz', '1.2 GHz', '2.4 GHz', '5.8 GHz'], coverageRadiusM: 1500, weightKg: 0.6, powerSupply: 'вбудований акумулятор, 12 год' } },
  { supplier: 'shchyt', sku: 'SC-DET-PRO', name: 'Щит-Детектор Про', category: 'ew', priceUah: 145_000, stock: 25, codified: true,
    description: 'Детектор з пеленгацією: напрямок на дрон і на пульт оператора.',
    specs: { coveredBands: ['300 MHz–6 GHz'], coverageRadiusM: 3000, weightKg: 2.8, powerSupply: 'АКБ 12 В, 8 год' } },
  { supplier: 'shchyt', sku: 'SC-DOME', name: 'Щит-Купол', category: 'ew', priceUah: 1_800_000, stock: 0, leadTimeDays: 40, codified: false,
    description: 'Стаціонарний комплекс РЕБ для захисту пунктів управління, 12 діапазонів.',
    specs: { coveredBands: ['400 MHz–6 GHz (12 діапазонів)', 'GNSS L1/L2'], outputPowerW: 600, coverageRadiusM: 1500, weightKg: 140, powerSupply: '220 В / генератор' } },
  { supplier: 'shchyt', sku: 'SC-PACK', name: 'Щит-Рюкзак', category: 'ew', priceUah: 95_000, stock: 48, codified: true,
    description: 'Носимий засіб РЕБ для штурмових груп.',
    specs: { coveredBands: ['720–1050 MHz', '2.4 GHz', '5.8 GHz'], outputPowerW: 15, coverageRadiusM: 150, weightKg: 5.5, powerSupply: 'АКБ 24 В, 2 год' } },

  // Ground robotic complexes
  { supplier: 'vil', sku: 'VL-300', name: 'Віл-300', category: 'ground_robot', priceUah: 1_250_000, stock: 5, codified: true,
    description: 'Гусеничний логістичний НРК: підвезення боєприпасів і евакуація на відстань до 20 км.',
    specs: { drive: 'tracked', controlBands: ['868 MHz', '2.4 GHz'], videoBands: ['2.4 GHz'], videoLink: 'digital', camera: 'курсова денна + тепловізор', thermalCamera: true, payloadKg: 300, rangeKm: 20, enduranceHours: 8, maxSpeedKmh: 12, weightKg: 410 } },
  { supplier: 'vil', sku: 'VL-500', name: 'Віл-500', category: 'ground_robot', priceUah: 1_890_000, stock: 2, codified: true,
    description: 'Важкий гусеничний НРК з вантажопідйомністю 500 кг і ретранслятором на борту.',
    specs: { drive: 'tracked', controlBands: ['868 MHz', '2.4 GHz', 'Mesh 1.4 GHz'], videoBands: ['1.4 GHz', '2.4 GHz'], videoLink: 'digital', camera: '4 камери кругового огляду + тепловізор', thermalCamera: true, payloadKg: 500, rangeKm: 25, enduranceHours: 10, maxSpeedKmh: 10, weightKg: 690 } },
  { supplier: 'vil', sku: 'MU-E', name: 'Мураха-Е', category: 'ground_robot', priceUah: 980_000, stock: 7, codified: true,
    description: 'Колісний НРК для евакуації поранених: ноші, кріплення, низький силует.',
    specs: { drive: 'wheeled', controlBands: ['868 MHz', '2.4 GHz'], videoBands: ['2.4 GHz'], videoLink: 'digital', camera: 'курсова денна/нічна', payloadKg: 250, rangeKm: 15, enduranceHours: 6, maxSpeedKmh: 15, weightKg: 320 } },
  { supplier: 'vil', sku: 'MU-MIN', name: 'Мураха-Мінер', category: 'ground_robot', priceUah: 1_450_000, stock: 0, leadTimeDays: 35, codified: false,
    description: 'НРК для дистанційного мінування: касета на 12 протитанкових мін.',
    specs: { drive: 'tracked', controlBands: ['868 MHz', '2.4 GHz'], videoBands: ['2.4 GHz'], videoLink: 'digital', camera: 'курсова + тепловізор', thermalCamera: true, payloadKg: 200, rangeKm: 12, enduranceHours: 6, weightKg: 380 } },
  { supplier: 'vil', sku: 'VL-CMB', name: 'Віл-Б Бойовий', category: 'ground_robot', priceUah: 2_700_000, stock: 0, leadTimeDays: 60, codified: false,
    description: 'Бойовий НРК з дистанційно керованим модулем під кулемет 7.62 мм.',
    specs: { drive: 'tracked', controlBands: ['868 MHz', '2.4 GHz', 'Mesh 1.4 GHz'], videoBands: ['1.4 GHz', '2.4 GHz'], videoLink: 'digital', camera: 'прицільний модуль: денна 20× + тепловізор 640×512', thermalCamera: true, payloadKg: 150, rangeKm: 10, enduranceHours: 8, weightKg: 520 } },
  { supplier: 'vil', sku: 'MU-MINI', name: 'Мураха-Міні', category: 'ground_robot', priceUah: 320_000, stock: 16, codified: true,
    description: 'Малий колісний НРК для розвідки, доставки і підриву укриттів.',
    specs: { drive: 'wheeled', controlBands: ['868 MHz'], videoBands: ['2.4 GHz'], videoLink: 'digital', camera: 'курсова денна/нічна', payloadKg: 40, rangeKm: 5, enduranceHours: 4, weightKg: 55 } },

  // Components: batteries and power
  { supplier: 'energoblok', sku: 'EB-6S2P-8000', name: 'АКБ Енергоблок 6S2P 8000 мА·год', category: 'component', priceUah: 4_200, stock: 2_400, codified: true,
    description: 'Li-ion батарея для FPV 10" з балансувальним роз’ємом і захисним кожухом.',
    specs: { capacityMah: 8000, cellConfiguration: '6S2P', chemistry: 'Li-ion 21700', weightKg: 0.9 } },
  { supplier: 'energoblok', sku: 'EB-6S3P-12000', name: 'АКБ Енергоблок 6S3P 12000 мА·год', category: 'component', priceUah: 6_300, stock: 900, codified: true,
    description: 'Li-ion батарея підвищеної ємності для 13–15" та оптоволоконних FPV.',
    specs: { capacityMah: 12_000, cellConfiguration: '6S3P', chemistry: 'Li-ion 21700', weightKg: 1.35 } },
  { supplier: 'energoblok', sku: 'EB-6S1P-4500', name: 'АКБ Енергоблок 6S 4500 LiPo', category: 'component', priceUah: 3_100, stock: 1_600, codified: true,
    description: 'LiPo батарея з високим струмом віддачі для 7–8" FPV.',
    specs: { capacityMah: 4500, cellConfiguration: '6S1P', chemistry: 'LiPo 100C', weightKg: 0.65 } },
  { supplier: 'energoblok', sku: 'EB-12S-22000', name: 'АКБ Енергоблок 12S 22000 мА·год', category: 'component', priceUah: 28_500, stock: 120, codified: true,
    description: 'Батарея для важких бомбардувальників і вантажних мультикоптерів.',
    specs: { capacityMah: 22_000, cellConfiguration: '12S', chemistry: 'LiPo', weightKg: 5.4 } },
  { supplier: 'energoblok', sku: 'EB-CHG6', name: 'Зарядна станція Енергоблок на 6 АКБ', category: 'component', priceUah: 17_800, stock: 85, codified: false,
    description: 'Польова зарядна станція для одночасного заряду 6 батарей від генератора або 24 В.',
    specs: { powerSupply: '220 В / 24 В', outputPowerW: 1200, weightKg: 6.2 } },
  { supplier: 'energoblok', sku: 'EB-PS1000', name: 'Павербанк Енергоблок 1 кВт·год', category: 'component', priceUah: 36_000, stock: 0, leadTimeDays: 12, codified: false,
    description: 'Польова станція живлення для пультів, ретрансляторів і засобів РЕБ.',
    specs: { capacityMah: 45_000, chemistry: 'LiFePO4', powerSupply: 'виходи 220 В, 12 В, USB-C 100 Вт', weightKg: 11 } },
  { supplier: 'sova', sku: 'SV-3-BAT', name: 'АКБ для Сова-3', category: 'component', priceUah: 9_700, stock: 140, codified: true,
    description: 'Запасна інтелектуальна батарея для квадрокоптерів Сова-3 з підігрівом.',
    specs: { capacityMah: 7800, cellConfiguration: '4S', chemistry: 'Li-ion', weightKg: 0.55 } },

  // Components: goggles, ground stations, radio
  { supplier: 'vizor', sku: 'VZR-A2', name: 'FPV-окуляри Візор-А2', category: 'component', priceUah: 16_500, stock: 300, codified: true,
    description: 'Аналогові FPV-окуляри з OLED-дисплеями і приймачем з розмаїттям на 5.8 ГГц.',
    specs: { videoBands: VIDEO_58, videoLink: 'analogue', display: 'OLED 1280×960, 46°', powerSupply: '2S Li-ion, 3 год', weightKg: 0.3 } },
  { supplier: 'vizor', sku: 'VZR-D', name: 'FPV-окуляри Візор-Ц', category: 'component', priceUah: 27_000, stock: 120, codified: true,
    description: 'Цифрові FPV-окуляри для дронів з цифровим відеоканалом.',
    specs: { videoBands: VIDEO_WIDE, videoLink: 'digital', display: 'OLED 1920×1080, 51°', powerSupply: '2S Li-ion, 2.5 год', weightKg: 0.34 } },
  { supplier: 'vizor', sku: 'VZR-TX', name: 'Пульт керування Візор-П', category: 'component', priceUah: 9_800, stock: 420, codified: true,
    description: 'Апаратура радіокерування з модулем 868/915 МГц і 2.4 ГГц, потужність до 1 Вт.',
    specs: { controlBands: ['868 MHz', '915 MHz', '2.4 GHz'], outputPowerW: 1, weightKg: 0.6 } },
  { supplier: 'vizor', sku: 'VZR-GCS', name: 'Наземна станція Візор-НС', category: 'component', priceUah: 58_000, stock: 40, codified: true,
    description: 'Захищена наземна станція з 10" екраном, приймачами 1.2/3.3/5.8 ГГц і записом відео.',
    specs: { videoBands: ['1.2 GHz', '3.3 GHz', '5.8 GHz'], display: 'IPS 10", 1500 кд/м²', powerSupply: '4S Li-ion, 5 год', weightKg: 3.2 } },
  { supplier: 'vizor', sku: 'VZR-RX12', name: 'Відеоприймач Візор 1.2 ГГц', category: 'component', priceUah: 6_900, stock: 210, codified: false,
    description: 'Модуль відеоприймача 1.2 ГГц для окулярів і наземних станцій.',
    specs: { videoBands: ['1.2 GHz'], videoLink: 'analogue', weightKg: 0.08 } },
  { supplier: 'vizor', sku: 'VZR-THERM', name: 'Тепловізійна насадка Візор-Т', category: 'component', priceUah: 48_000, stock: 0, leadTimeDays: 20, codified: false,
    description: 'Тепловізійний модуль 640×512 для встановлення на ударні та розвідувальні дрони.',
    specs: { camera: 'тепловізор 640×512, 50 Гц', thermalCamera: true, weightKg: 0.05 } },
  { supplier: 'krok', sku: 'KR-RELAY', name: 'Ретранслятор Крок-Р', category: 'component', priceUah: 24_500, stock: 75, codified: true,
    description: 'Ретранслятор керування і відео для FPV: подовжує дальність за укриттями і рельєфом.',
    specs: { controlBands: ELRS_900, videoBands: ['1.2 GHz', '5.8 GHz'], rangeKm: 10, weightKg: 0.7, powerSupply: '6S Li-ion, 6 год' } },
  { supplier: 'krok', sku: 'KR-MAST', name: 'Щогла з ретранслятором Крок-Щ', category: 'component', priceUah: 41_000, stock: 22, codified: true,
    description: 'Телескопічна щогла 9 м з ретранслятором і спрямованими антенами.',
    specs: { controlBands: ELRS_900, videoBands: ['1.2 GHz', '5.8 GHz'], rangeKm: 15, weightKg: 14 } },
  { supplier: 'krok', sku: 'KR-PATCH58', name: 'Спрямована антена Крок 5.8', category: 'component', priceUah: 2_900, stock: 600, codified: false,
    description: 'Патч-антена 5.8 ГГц з підсиленням 14 дБі для окулярів і наземних станцій.',
    specs: { videoBands: VIDEO_58, weightKg: 0.12 } },
  { supplier: 'krok', sku: 'KR-ARM', name: 'Плата ініціації Крок-І', category: 'component', priceUah: 1_250, stock: 3_000, codified: true,
    description: 'Плата безпечного зведення бойової частини FPV з таймером самоліквідації.',
    specs: { weightKg: 0.02, notes: 'Зведення після зльоту, самоліквідація за таймером' } },
  { supplier: 'optolink', sku: 'OL-SPOOL10', name: 'Котушка ВО 10 км', category: 'component', priceUah: 11_500, stock: 260, codified: true,
    description: 'Змінна котушка оптоволокна 10 км для дронів Оптолінк.',
    specs: { fibreLengthKm: 10, weightKg: 0.9 } },
];

export const DEMO_PRODUCTS: readonly DemoProduct[] = ROWS.map((row) => ({
  ...row,
  leadTimeDays: row.leadTimeDays ?? null,
  // Components and training kit are bought with money only.
  bonus: row.bonus ?? (row.category !== 'component' && row.codified),
}));
