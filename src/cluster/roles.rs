//! The cluster's two roles in this binary: Ballista's scheduler and
//! executor, with lakeaudit's codecs registered so that they carry and run
//! scan jobs. An executor reads stores with its own environment's settings
//! (as an IAM role or a workload identity gives them).

use super::codec;
use crate::error::{Error, Result};
use ballista_executor::executor_process::{ExecutorProcessConfig, start_executor_process};
use ballista_scheduler::cluster::BallistaCluster;
use ballista_scheduler::config::SchedulerConfig;
use ballista_scheduler::scheduler_process::start_server;
use std::net::SocketAddr;
use std::sync::Arc;

/// How a scheduler runs.
#[derive(Debug, Clone)]
pub struct SchedulerOptions {
    /// Where it listens for clients and executors.
    pub bind: SocketAddr,
    /// Seconds without a heartbeat after which an executor is taken for
    /// dead and its tasks run elsewhere.
    pub executor_timeout: u64,
    /// Whether clients fetch task results through the scheduler.
    pub flight_proxy: bool,
}

/// How an executor runs.
#[derive(Debug, Clone)]
pub struct ExecutorOptions {
    /// The scheduler, `HOST:PORT`.
    pub scheduler: String,
    /// The address it listens on.
    pub bind: String,
    /// The host name clients and other executors reach it by.
    pub external_host: Option<String>,
    /// Its Arrow Flight port (where task results are fetched).
    pub port: u16,
    /// Its gRPC port (where the scheduler hands it tasks).
    pub grpc_port: u16,
    /// Tasks it runs at once.
    pub tasks: usize,
    /// Seconds between heartbeats to the scheduler.
    pub heartbeat: u64,
    /// Where task results are kept until fetched.
    pub work_dir: Option<String>,
}

/// Runs a scheduler until the process is stopped.
pub async fn scheduler(options: SchedulerOptions) -> Result<()> {
    let failed = |e: ballista_core::error::BallistaError| Error::Cluster {
        url: format!("df://{}", options.bind),
        message: format!("the scheduler stopped: {e}"),
    };
    let config = SchedulerConfig {
        bind_host: options.bind.ip().to_string(),
        bind_port: options.bind.port(),
        external_host: reachable_as(&options.bind.ip().to_string()),
        executor_timeout_seconds: options.executor_timeout,
        expire_dead_executor_interval_seconds: options.executor_timeout.clamp(1, 15),
        no_executors_grace_period_seconds: options.executor_timeout,
        enable_embedded_flight_proxy: options.flight_proxy,
        override_logical_codec: Some(Arc::new(codec::Logical::default())),
        override_physical_codec: Some(Arc::new(codec::Physical::default())),
        ..SchedulerConfig::default()
    };
    let cluster = BallistaCluster::new_from_config(&config).await.map_err(failed)?;
    eprintln!("lakeaudit scheduler listening on df://{}", options.bind);
    start_server(cluster, options.bind, Arc::new(config)).await.map_err(failed)
}

/// Runs an executor until the process is stopped.
pub async fn executor(options: ExecutorOptions) -> Result<()> {
    let (host, port) = options
        .scheduler
        .trim_start_matches("df://")
        .rsplit_once(':')
        .and_then(|(h, p)| Some((h.to_owned(), p.parse::<u16>().ok()?)))
        .ok_or_else(|| Error::Usage(format!("--scheduler wants HOST:PORT, not '{}'", options.scheduler)))?;
    let external = options.external_host.clone().unwrap_or_else(|| reachable_as(&options.bind));
    let id = format!("{external}:{}", options.port);
    let _ = super::plan::EXECUTOR.set(id.clone());
    let config = ExecutorProcessConfig {
        executor_id: id.clone(),
        bind_host: options.bind.clone(),
        external_host: Some(external),
        port: options.port,
        grpc_port: options.grpc_port,
        scheduler_host: host,
        scheduler_port: port,
        scheduler_connect_timeout_seconds: 10,
        vcores: options.tasks.max(1),
        work_dir: options.work_dir.clone(),
        executor_heartbeat_interval_seconds: options.heartbeat.max(1),
        override_logical_codec: Some(Arc::new(codec::Logical::default())),
        override_physical_codec: Some(Arc::new(codec::Physical::default())),
        ..ExecutorProcessConfig::default()
    };
    eprintln!("lakeaudit executor {id} joining the scheduler at {}", options.scheduler);
    start_executor_process(Arc::new(config)).await.map_err(|e| Error::Cluster {
        url: format!("df://{}", options.scheduler),
        message: format!("the executor stopped: {e}"),
    })
}

/// The name others reach a process listening on `bind` by: the address
/// itself, or this machine's host name for a wildcard address.
fn reachable_as(bind: &str) -> String {
    match bind.parse::<std::net::IpAddr>() {
        Ok(ip) if ip.is_unspecified() => gethostname::gethostname().to_string_lossy().into_owned(),
        _ => bind.to_owned(),
    }
}
