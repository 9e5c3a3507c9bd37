//! `lakeaudit cluster scheduler|executor`: a role of a Ballista cluster,
//! until the process is stopped.

use crate::cli::{ClusterCommand, GlobalArgs};
use crate::cluster::{ExecutorOptions, SchedulerOptions};
use std::process::ExitCode;

/// Runs the role.
pub(crate) fn cluster(cmd: &ClusterCommand, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    if !global.storage_options.is_empty() {
        anyhow::bail!(crate::error::Error::Usage(
            "a cluster role takes store settings from its environment (AWS_*, AZURE_*, GOOGLE_*), not --storage-option"
                .into()
        ));
    }
    let threads = crate::settings::threads(global)?;
    let rt = crate::concurrency::runtime(threads)?;
    match cmd {
        ClusterCommand::Scheduler { bind, executor_timeout, flight_proxy } => {
            rt.block_on(crate::cluster::scheduler(SchedulerOptions {
                bind: *bind,
                executor_timeout: *executor_timeout,
                flight_proxy: *flight_proxy,
            }))?
        }
        ClusterCommand::Executor { scheduler, bind, external_host, port, grpc_port, tasks, heartbeat, work_dir } => rt
            .block_on(crate::cluster::executor(ExecutorOptions {
                scheduler: scheduler.clone(),
                bind: bind.clone(),
                external_host: external_host.clone(),
                port: *port,
                grpc_port: *grpc_port,
                tasks: tasks.unwrap_or(threads),
                heartbeat: *heartbeat,
                work_dir: work_dir.clone(),
            }))?,
    }
    Ok(ExitCode::SUCCESS)
}
