'use client';

import { useEffect, useState } from 'react';
import { listCategoriesAsGuest } from '@/lib/admin';
import type { Category } from '@/lib/types';

/**
 * The catalog's categories for the product form: null while they load, none if they cannot be read
 * (the form still works without them). Read again when `attempt` changes (the page's retry).
 */
export function useCategories(attempt: number) {
  const [categories, setCategories] = useState<Category[] | null>(null);
  useEffect(() => {
    let live = true;
    listCategoriesAsGuest().then(
      (list) => live && setCategories(list),
      () => live && setCategories([]),
    );
    return () => {
      live = false;
    };
  }, [attempt]);
  return categories;
}
