/*
 * Load runs with autocannon's programmatic API: a warm-up run whose figures are thrown away,
 * then the measured run. Each run is bounded in time (autocannon's own duration, plus a watchdog).
 */
import autocannon from "autocannon";

function executer(options) {
  return new Promise((resoudre, rejeter) => {
    // Watchdog: autocannon stops by itself after `duration`; this only guards against a hang.
    const garde = setTimeout(() => {
      instance.stop();
      rejeter(new Error(`autocannon n'a pas terminé en ${options.duration + 60} s (${options.url})`));
    }, (options.duration + 60) * 1000);
    const instance = autocannon(options, (erreur, resultat) => {
      clearTimeout(garde);
      if (erreur) rejeter(erreur);
      else resoudre(resultat);
    });
  });
}

/**
 * Warm-up (`echauffement` s) then measure (`duree` s) GET `url` with `connexions` connections;
 * `entreDeux`, when given, is awaited between the two (measure 8 waits there for the server to
 * finish the warm-up's requests that autocannon left in flight).
 * Resolves with requests/s (mean of the per-second samples), latencies (ms) and error counts.
 */
export async function mesurerCharge({ url, duree, echauffement, connexions, entreDeux }) {
  const commun = { url, connections: connexions, pipelining: 1, timeout: 10 };
  if (echauffement > 0) await executer({ ...commun, duration: echauffement });
  if (entreDeux) await entreDeux();
  const r = await executer({ ...commun, duration: duree });
  return {
    url,
    rps: r.requests.average,
    latenceMoyenne: r.latency.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    latenceMax: r.latency.max,
    total: r.requests.total,
    octetsParSeconde: r.throughput.average,
    non2xx: r.non2xx,
    erreurs: r.errors,
    delaisDepasses: r.timeouts,
    duree: r.duration,
  };
}
