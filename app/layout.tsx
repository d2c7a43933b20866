import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { AmplifyProvider } from '@/components/amplify-provider';
import { Header } from '@/components/header';
import { clientOutputsOf } from '@/lib/amplify-config';
import { siteUrl } from '@/lib/constants';
import { readAmplifyOutputs } from '@/lib/outputs';
import './globals.css';

export const metadata: Metadata = {
  // Canonical URLs and Open Graph images are absolute, on the site's public origin (SITE_URL).
  metadataBase: siteUrl(),
  title: { default: 'cloudshop', template: '%s · cloudshop' },
  description: 'An open-source serverless shop on AWS.',
  icons: { icon: '/favicon.svg' },
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Read per request (see lib/outputs.ts). The browser gets what Amplify.configure needs, without the
  // model introspection schema (large, and the storefront sends its own GraphQL documents).
  const outputs = await readAmplifyOutputs();
  const clientOutputs = outputs ? clientOutputsOf(outputs) : null;
  return (
    <html lang="en">
      <body>
        <a href="#main" className="skip-link">
          Skip to content
        </a>
        <AmplifyProvider outputs={clientOutputs}>
          <Header />
          <main id="main" className="site-main">
            {children}
          </main>
          <footer className="site-footer">
            <p>cloudshop — an open-source serverless shop on AWS.</p>
          </footer>
        </AmplifyProvider>
      </body>
    </html>
  );
}
