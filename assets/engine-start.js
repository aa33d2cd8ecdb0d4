// The page's engine client, which takes over the worker assets/boot.js started
// (module scripts run in order: before ui-start.js).
import { EngineClient } from "./engine-client.js";
window.flsestEngine = new EngineClient(new URL("./engine-worker.js", import.meta.url), window.flsestBoot.worker, window.flsestBoot.early);
