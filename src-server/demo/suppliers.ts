/**
 * DEMO ONLY: invented suppliers in the style of the marketplace's makers.
 * Their ЄДРПОУ codes are made up but carry a valid check digit (tests verify
 * it); any match with a real entity is chance.
 */
export interface DemoSupplier {
  key: string;
  name: string;
  brand: string;
  edrpou: string;
  city: string;
}

export const DEMO_SUPPLIERS: readonly DemoSupplier[] = [
  { key: 'vezha', name: 'ТОВ «Вежа Дрон Системз»', brand: 'Вежа', edrpou: '44182634', city: 'Київ' },
  { key: 'dzhmil', name: 'ТОВ «Джміль Інжиніринг»', brand: 'Джміль', edrpou: '43905176', city: 'Вінниця' },
  { key: 'optolink', name: 'ТОВ «Оптолінк Авіа»', brand: 'Оптолінк', edrpou: '44520784', city: 'Житомир' },
  { key: 'sova', name: 'ТОВ «Сова Аеро»', brand: 'Сова', edrpou: '42716398', city: 'Львів' },
  { key: 'step', name: 'ТОВ «Степовий Авіаційний Завод»', brand: 'Степ', edrpou: '45068142', city: 'Дніпро' },
  { key: 'kazhan', name: 'ТОВ «Нічні Крила»', brand: 'Кажан', edrpou: '43369202', city: 'Харків' },
  { key: 'kibchyk', name: 'ТОВ «Кібчик Лаб»', brand: 'Кібчик', edrpou: '44781029', city: 'Київ' },
  { key: 'shchyt', name: 'ТОВ «Радіощит»', brand: 'Щит', edrpou: '45293570', city: 'Запоріжжя' },
  { key: 'vil', name: 'ТОВ «Залізний Віл Робототехніка»', brand: 'Віл', edrpou: '44057166', city: 'Полтава' },
  { key: 'energoblok', name: 'ТОВ «Енергоблок Дефенс»', brand: 'Енергоблок', edrpou: '44632818', city: 'Черкаси' },
  { key: 'vizor', name: 'ТОВ «Візор Тех»', brand: 'Візор', edrpou: '43844098', city: 'Одеса' },
  { key: 'krok', name: 'ПП «Крок Радіосистеми»', brand: 'Крок', edrpou: '35144022', city: 'Івано-Франківськ' },
];
