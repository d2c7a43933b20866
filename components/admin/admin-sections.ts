/** The admin area's sections, in the nav's order (plain data: the server page and the client nav share it). */
export const ADMIN_SECTIONS = [
  { href: '/admin/products', label: 'Products' },
  { href: '/admin/inventory', label: 'Inventory' },
  { href: '/admin/orders', label: 'Orders' },
  { href: '/admin/sales', label: 'Sales' },
] as const;
