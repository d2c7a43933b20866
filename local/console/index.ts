/** The local console: one page on the cloud server showing what every local service did. */
export { consoleRoutes } from './routes';
export type { ConsoleSources } from './data';
