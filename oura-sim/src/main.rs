//! `oura-sim` binary: parse flags, generate data, then serve or write an export.

use clap::Parser;
use oura_sim::{serve, Args, Sim};
use std::sync::Arc;

fn main() {
    let args = Args::parse();
    if let Err(msg) = args.validate() {
        eprintln!("oura-sim: {msg}");
        std::process::exit(2);
    }
    let started = std::time::Instant::now();
    let export = args.write_export.clone();
    let sim = Sim::new(args);
    if let Some(path) = export {
        let json = sim.export();
        if let Err(e) = std::fs::write(&path, json.as_bytes()) {
            eprintln!("oura-sim: cannot write {}: {e}", path.display());
            std::process::exit(1);
        }
        eprintln!(
            "oura-sim: wrote {} ({} bytes, {} days ending {})",
            path.display(),
            json.len(),
            sim.args.days,
            sim.data().params.end_date
        );
        return;
    }
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("oura-sim: cannot start the runtime: {e}");
            std::process::exit(1);
        }
    };
    rt.block_on(async move {
        let addr = format!("{}:{}", sim.args.host, sim.args.port);
        let listener = match tokio::net::TcpListener::bind(&addr).await {
            Ok(l) => l,
            Err(e) => {
                eprintln!("oura-sim: cannot listen on {addr}: {e}");
                std::process::exit(1);
            }
        };
        let local = listener.local_addr().map(|a| a.to_string()).unwrap_or(addr);
        eprintln!(
            "oura-sim: {} days ending {} (seed {}, tz {}, {} hr samples) generated in {:.1?}",
            sim.args.days,
            sim.data().params.end_date,
            sim.args.seed,
            sim.data().params.tz,
            sim.data().heartrate.len(),
            started.elapsed()
        );
        eprintln!("oura-sim: listening on http://{local} (API /v2/usercollection/*, OAuth /oauth/authorize, control /__sim/*)");
        let sim = Arc::new(sim);
        tokio::select! {
            r = serve(listener, sim) => {
                if let Err(e) = r {
                    eprintln!("oura-sim: server error: {e}");
                    std::process::exit(1);
                }
            }
            _ = tokio::signal::ctrl_c() => {
                eprintln!("oura-sim: interrupted, bye");
            }
        }
    });
}
