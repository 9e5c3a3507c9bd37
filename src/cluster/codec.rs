//! How the job travels: Ballista serializes plans with extension codecs;
//! these carry lakeaudit's table and plan ([`super::plan`]) and hand
//! everything else to Ballista's own codecs. A job is its [`Spec`] as
//! JSON behind a marker, so that nothing else is taken for one.

use super::plan::{JobExec, JobTable, Node, Spec};
use ballista_core::serde::{BallistaLogicalExtensionCodec, BallistaPhysicalExtensionCodec};
use datafusion::catalog::TableProvider;
use datafusion::common::TableReference;
use datafusion::datasource::file_format::FileFormatFactory;
use datafusion::execution::TaskContext;
use datafusion::logical_expr::{Extension, LogicalPlan};
use datafusion::physical_plan::ExecutionPlan;
use datafusion_proto::logical_plan::LogicalExtensionCodec;
use datafusion_proto::physical_plan::{PhysicalExtensionCodec, PhysicalProtoConverterExtension};
use std::sync::Arc;

/// What a lakeaudit job's bytes start with.
const MARK: &[u8] = b"lakeaudit-scan/1\n";

/// Writes `value` behind the marker.
fn mark<T: serde::Serialize>(value: &T, buf: &mut Vec<u8>) -> datafusion::error::Result<()> {
    buf.extend_from_slice(MARK);
    serde_json::to_writer(buf, value).map_err(|e| datafusion::error::DataFusionError::External(Box::new(e)))
}

/// What is behind the marker, when `buf` starts with it.
fn marked<T: serde::de::DeserializeOwned>(buf: &[u8]) -> Option<datafusion::error::Result<T>> {
    let json = buf.strip_prefix(MARK)?;
    Some(serde_json::from_slice(json).map_err(|e| datafusion::error::DataFusionError::External(Box::new(e))))
}

/// Ballista's logical codec, and lakeaudit's table.
#[derive(Debug, Default)]
pub(crate) struct Logical {
    ballista: BallistaLogicalExtensionCodec,
}

impl LogicalExtensionCodec for Logical {
    fn try_decode(
        &self,
        buf: &[u8],
        inputs: &[LogicalPlan],
        ctx: &TaskContext,
    ) -> datafusion::error::Result<Extension> {
        self.ballista.try_decode(buf, inputs, ctx)
    }

    fn try_encode(&self, node: &Extension, buf: &mut Vec<u8>) -> datafusion::error::Result<()> {
        self.ballista.try_encode(node, buf)
    }

    fn try_decode_table_provider(
        &self,
        buf: &[u8],
        table_ref: &TableReference,
        schema: arrow::datatypes::SchemaRef,
        ctx: &TaskContext,
    ) -> datafusion::error::Result<Arc<dyn TableProvider>> {
        match marked::<Spec>(buf) {
            Some(spec) => Ok(Arc::new(JobTable::new(spec?))),
            None => self.ballista.try_decode_table_provider(buf, table_ref, schema, ctx),
        }
    }

    fn try_encode_table_provider(
        &self,
        table_ref: &TableReference,
        node: Arc<dyn TableProvider>,
        buf: &mut Vec<u8>,
    ) -> datafusion::error::Result<()> {
        match node.downcast_ref::<JobTable>() {
            Some(table) => mark(table.spec(), buf),
            None => self.ballista.try_encode_table_provider(table_ref, node, buf),
        }
    }

    fn try_decode_file_format(
        &self,
        buf: &[u8],
        ctx: &TaskContext,
    ) -> datafusion::error::Result<Arc<dyn FileFormatFactory>> {
        self.ballista.try_decode_file_format(buf, ctx)
    }

    fn try_encode_file_format(
        &self,
        buf: &mut Vec<u8>,
        node: Arc<dyn FileFormatFactory>,
    ) -> datafusion::error::Result<()> {
        self.ballista.try_encode_file_format(buf, node)
    }
}

/// Ballista's physical codec, and lakeaudit's plan.
#[derive(Debug, Default)]
pub(crate) struct Physical {
    ballista: BallistaPhysicalExtensionCodec,
}

impl PhysicalExtensionCodec for Physical {
    fn try_decode(
        &self,
        buf: &[u8],
        inputs: &[Arc<dyn ExecutionPlan>],
        ctx: &TaskContext,
        proto_converter: &dyn PhysicalProtoConverterExtension,
    ) -> datafusion::error::Result<Arc<dyn ExecutionPlan>> {
        match (marked::<Node>(buf), inputs) {
            (Some(node), [input]) => Ok(Arc::new(JobExec::new(Arc::new(node?), input.clone()))),
            (Some(_), _) => Err(datafusion::error::DataFusionError::Internal("LakeauditJobExec has one input".into())),
            (None, _) => self.ballista.try_decode(buf, inputs, ctx, proto_converter),
        }
    }

    fn try_encode(
        &self,
        node: Arc<dyn ExecutionPlan>,
        buf: &mut Vec<u8>,
        proto_converter: &dyn PhysicalProtoConverterExtension,
    ) -> datafusion::error::Result<()> {
        match node.downcast_ref::<JobExec>() {
            Some(exec) => mark(exec.node(), buf),
            None => self.ballista.try_encode(node, buf, proto_converter),
        }
    }
}
