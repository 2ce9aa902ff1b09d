import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { loadWebConfig } from './lib/config';
import { configureLive } from './lib/live';

/** Starts the portal once its runtime configuration is read. */
async function start(): Promise<void> {
  const root = document.getElementById('root');
  if (!root) throw new Error('#root missing');
  try {
    const config = await loadWebConfig();
    configureLive(config.live?.url);
    createRoot(root).render(<App config={config} />);
  } catch (error) {
    root.textContent = `平台配置读取失败，请刷新重试 / cannot read /config.json: ${(error as Error).message}`;
  }
}

void start();
