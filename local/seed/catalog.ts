/** The store a fresh local cloud opens with: five categories, 25 products, images in `public/products/`. */
import type { NewProduct } from '../../amplify/services/catalog/product';

export interface SeedCategory {
  slug: string;
  name: string;
  description: string;
  position: number;
}

/** What an admin sends to create a product (prices in minor units). */
export type SeedProduct = NewProduct;

export const categories: SeedCategory[] = [
  { slug: 'kitchen', name: 'Kitchen', description: 'Cups, pots and everything for the table.', position: 1 },
  { slug: 'apparel', name: 'Apparel', description: 'Everyday clothing made to last.', position: 2 },
  { slug: 'home', name: 'Home', description: 'Light, texture and calm for every room.', position: 3 },
  { slug: 'outdoors', name: 'Outdoors', description: 'Gear for trails, parks and rainy days.', position: 4 },
  { slug: 'stationery', name: 'Stationery', description: 'Paper and pens for thinking by hand.', position: 5 },
];

const product = (
  category: string,
  sku: string,
  slug: string,
  name: string,
  price: number,
  description: string,
): SeedProduct => ({
  sku,
  slug,
  name,
  description,
  category,
  price,
  currency: 'USD',
  images: [`/products/${slug}.svg`],
});

export const products: SeedProduct[] = [
  product('kitchen', 'KIT-001', 'stoneware-mug', 'Stoneware Mug', 1800, 'A heavy 350 ml mug with a speckled glaze.'),
  product(
    'kitchen',
    'KIT-002',
    'espresso-cups',
    'Espresso Cups (set of 2)',
    2400,
    'Thick-walled porcelain that keeps a shot hot.',
  ),
  product(
    'kitchen',
    'KIT-003',
    'cast-iron-skillet',
    'Cast Iron Skillet',
    4500,
    'A 26 cm pre-seasoned pan for a lifetime of eggs.',
  ),
  product(
    'kitchen',
    'KIT-004',
    'pour-over-kettle',
    'Pour-Over Kettle',
    5200,
    'A gooseneck kettle for a slow, even pour.',
  ),
  product(
    'kitchen',
    'KIT-005',
    'linen-tea-towels',
    'Linen Tea Towels',
    1600,
    'Two stonewashed linen towels that dry fast.',
  ),
  product(
    'apparel',
    'APP-001',
    'merino-crew-sweater',
    'Merino Crew Sweater',
    9800,
    'Fine merino wool, warm without the bulk.',
  ),
  product(
    'apparel',
    'APP-002',
    'organic-cotton-tee',
    'Organic Cotton Tee',
    2800,
    'A heavyweight tee in undyed organic cotton.',
  ),
  product(
    'apparel',
    'APP-003',
    'canvas-work-jacket',
    'Canvas Work Jacket',
    14500,
    'Waxed canvas with a corduroy collar.',
  ),
  product('apparel', 'APP-004', 'wool-beanie', 'Wool Beanie', 3200, 'Rib-knit lambswool that keeps its shape.'),
  product(
    'apparel',
    'APP-005',
    'selvedge-denim',
    'Selvedge Denim Jeans',
    12800,
    'Raw denim that fades to your own shape.',
  ),
  product(
    'home',
    'HOM-001',
    'ceramic-table-lamp',
    'Ceramic Table Lamp',
    8900,
    'A hand-thrown base with a linen shade.',
  ),
  product(
    'home',
    'HOM-002',
    'wool-throw-blanket',
    'Wool Throw Blanket',
    11000,
    'A herringbone throw woven from British wool.',
  ),
  product(
    'home',
    'HOM-003',
    'beeswax-candles',
    'Beeswax Candles (set of 4)',
    2200,
    'Slow-burning pillars that smell faintly of honey.',
  ),
  product('home', 'HOM-004', 'oak-serving-board', 'Oak Serving Board', 3900, 'Solid oak, oiled, with a carved handle.'),
  product(
    'home',
    'HOM-005',
    'linen-cushion-cover',
    'Linen Cushion Cover',
    2700,
    'Washed linen with a hidden zip, 50 by 50 cm.',
  ),
  product(
    'outdoors',
    'OUT-001',
    'trail-daypack',
    'Trail Daypack 22 L',
    7900,
    'A light pack with a rain cover tucked in the base.',
  ),
  product(
    'outdoors',
    'OUT-002',
    'insulated-bottle',
    'Insulated Bottle',
    3400,
    'Keeps drinks cold for a day and hot for twelve hours.',
  ),
  product(
    'outdoors',
    'OUT-003',
    'packable-rain-shell',
    'Packable Rain Shell',
    13900,
    'A waterproof shell that packs into its own pocket.',
  ),
  product(
    'outdoors',
    'OUT-004',
    'camp-enamel-plate',
    'Camp Enamel Plate',
    1400,
    'Chip-resistant enamel for the campfire and the garden.',
  ),
  product(
    'outdoors',
    'OUT-005',
    'folding-camp-stool',
    'Folding Camp Stool',
    4200,
    'Beech legs and a canvas seat; folds flat.',
  ),
  product(
    'stationery',
    'STA-001',
    'dot-grid-notebook',
    'Dot Grid Notebook',
    1900,
    'A5, 192 pages of fountain-pen-friendly paper.',
  ),
  product(
    'stationery',
    'STA-002',
    'brass-fountain-pen',
    'Brass Fountain Pen',
    6500,
    'A solid brass pen that gains a patina with use.',
  ),
  product(
    'stationery',
    'STA-003',
    'weekly-planner',
    'Undated Weekly Planner',
    2400,
    'Fifty-two weeks that start whenever you do.',
  ),
  product(
    'stationery',
    'STA-004',
    'letterpress-cards',
    'Letterpress Cards',
    1500,
    'Eight blank cards printed on cotton paper.',
  ),
  product(
    'stationery',
    'STA-005',
    'walnut-desk-tray',
    'Walnut Desk Tray',
    4800,
    'A tray for pens and keys, turned from walnut.',
  ),
];
