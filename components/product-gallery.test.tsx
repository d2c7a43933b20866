import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ProductGallery } from './product-gallery';

describe('ProductGallery', () => {
  it('shows the first image, and another when its button is pressed, by keyboard too', async () => {
    const user = userEvent.setup();
    render(<ProductGallery name="Mug" images={['/a.svg', '/b.svg', '/c.svg']} />);
    expect(screen.getByRole('img', { name: 'Mug, image 1 of 3' })).toHaveProperty(
      'src',
      expect.stringMatching(/\/a\.svg$/),
    );

    await user.click(screen.getByRole('button', { name: 'Show image 3 of 3' }));
    expect(screen.getByRole('img', { name: 'Mug, image 3 of 3' })).toHaveProperty(
      'src',
      expect.stringMatching(/\/c\.svg$/),
    );
    expect(screen.getByRole('button', { name: 'Show image 3 of 3' }).getAttribute('aria-pressed')).toBe('true');

    screen.getByRole('button', { name: 'Show image 2 of 3' }).focus();
    await user.keyboard('{Enter}');
    expect(screen.getByRole('img', { name: 'Mug, image 2 of 3' })).toHaveProperty(
      'src',
      expect.stringMatching(/\/b\.svg$/),
    );
    expect(screen.getByRole('button', { name: 'Show image 3 of 3' }).getAttribute('aria-pressed')).toBe('false');
  });

  it('has no buttons for a single image, whose text is the name', () => {
    render(<ProductGallery name="Mug" images={['/a.svg']} />);
    expect(screen.getByRole('img', { name: 'Mug' })).toBeTruthy();
    expect(screen.queryAllByRole('button')).toHaveLength(0);
  });

  it('shows the placeholder, named, when there is no image', () => {
    render(<ProductGallery name="Mug" images={[]} />);
    expect(screen.getByRole('img', { name: 'Mug' })).toHaveProperty('src', expect.stringMatching(/placeholder\.svg$/));
  });
});
