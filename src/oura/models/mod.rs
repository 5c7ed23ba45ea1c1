//! Serde models of Oura API v2 documents (OpenAPI 1.27), one file per endpoint family.
//!
//! The models are for reading values in views; the store keeps each document's raw
//! JSON. They are tolerant: unknown fields are ignored, optional fields may be absent,
//! and enums keep values they do not know (`Other(String)`). Field names are the spec's
//! property names (Rust keywords renamed, e.g. `type` → `kind`).

#[macro_use]
mod common;

mod activity;
mod heart_health;
mod heartrate;
mod personal_info;
mod readiness;
mod rest_mode;
mod ring_battery;
mod ring_configuration;
mod session;
mod sleep;
mod sleep_time;
mod spo2;
mod stress;
mod tag;
mod workout;

#[cfg(test)]
mod tests;

pub use activity::{ActivityContributors, DailyActivityModel};
pub use common::{
    parse_day, parse_timestamp, ErrorBody, ListResponse, SampleModel, TimeSeriesResponse,
    Timestamp, ValidationError,
};
pub use heart_health::{DailyCardiovascularAgeModel, VO2MaxModel};
pub use heartrate::{HeartRateModel, HeartRateResponse, HeartRateSource};
pub use personal_info::PersonalInfoResponse;
pub use readiness::{DailyReadinessModel, ReadinessContributors};
pub use rest_mode::{RestModeEpisode, RestModePeriodModel};
pub use ring_battery::PublicRingBatteryLevelRow;
pub use ring_configuration::{RingColor, RingConfigurationModel, RingDesign, RingHardwareType};
pub use session::{MomentMood, MomentType, SessionModel};
pub use sleep::{
    DailySleepModel, ReadinessSummary, SleepAlgorithmVersion, SleepAnalysisReason,
    SleepContributors, SleepModel, SleepType,
};
pub use sleep_time::{SleepTimeModel, SleepTimeRecommendation, SleepTimeStatus, SleepTimeWindow};
pub use spo2::{DailySpO2AggregatedValuesModel, DailySpO2Model};
pub use stress::{
    DailyResilienceModel, DailyStressModel, DailyStressSummary, LongTermResilienceLevel,
    ResilienceContributors,
};
pub use tag::{EnhancedTagModel, TagModel};
pub use workout::{PublicWorkout, PublicWorkoutIntensity, PublicWorkoutSource};

use crate::endpoints::EndpointId;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

/// The model of one endpoint's documents.
pub trait Model: DeserializeOwned + Serialize + Clone + std::fmt::Debug + 'static {
    /// The endpoint whose documents this type models.
    const ENDPOINT: EndpointId;
}

macro_rules! bind_models {
    ($($variant:ident => $model:ty),+ $(,)?) => {
        $(impl Model for $model {
            const ENDPOINT: EndpointId = EndpointId::$variant;
        })+

        /// Calls `f` with the model type of endpoint `id` (exhaustive over the table).
        pub fn with_model<F: WithModel>(id: EndpointId, f: F) -> F::Output {
            match id {
                $(EndpointId::$variant => f.call::<$model>(),)+
            }
        }
    };
}

bind_models! {
    DailySleep => DailySleepModel,
    Sleep => SleepModel,
    DailyReadiness => DailyReadinessModel,
    DailyActivity => DailyActivityModel,
    Workout => PublicWorkout,
    Session => SessionModel,
    DailyStress => DailyStressModel,
    DailyResilience => DailyResilienceModel,
    DailyCardiovascularAge => DailyCardiovascularAgeModel,
    DailySpo2 => DailySpO2Model,
    Vo2Max => VO2MaxModel,
    Heartrate => HeartRateModel,
    SleepTime => SleepTimeModel,
    Tag => TagModel,
    EnhancedTag => EnhancedTagModel,
    PersonalInfo => PersonalInfoResponse,
    RingConfiguration => RingConfigurationModel,
    RestModePeriod => RestModePeriodModel,
    RingBatteryLevel => PublicRingBatteryLevelRow,
}

/// A generic callback for [`with_model`] (closures cannot take type parameters).
pub trait WithModel {
    type Output;
    fn call<T: Model>(self) -> Self::Output;
}

/// A document or value that does not fit its model.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ModelError {
    /// A document does not match its endpoint's model.
    #[error("{} document does not match {}: {message}", .endpoint.endpoint().path, .endpoint.endpoint().schema)]
    Document {
        endpoint: EndpointId,
        message: String,
    },
    /// A value does not match the requested type.
    #[error("value does not match {type_name}: {message}")]
    Value { type_name: String, message: String },
}

/// Checks that `doc` (one document of endpoint `id`) deserializes into its model.
pub fn check_document(id: EndpointId, doc: &Value) -> Result<(), ModelError> {
    struct Check<'a>(&'a Value);
    impl WithModel for Check<'_> {
        type Output = Result<(), serde_json::Error>;
        fn call<T: Model>(self) -> Self::Output {
            T::deserialize(self.0).map(drop)
        }
    }
    require_object(id, doc)?;
    with_model(id, Check(doc)).map_err(|e| ModelError::Document {
        endpoint: id,
        message: e.to_string(),
    })
}

/// Reads one document as its endpoint's model; errors name the endpoint.
pub fn parse_model<T: Model>(doc: &Value) -> Result<T, ModelError> {
    require_object(T::ENDPOINT, doc)?;
    T::deserialize(doc).map_err(|e| ModelError::Document {
        endpoint: T::ENDPOINT,
        message: e.to_string(),
    })
}

/// Reads any JSON value as `T` (a model, an envelope, an [`ErrorBody`]…).
pub fn parse<T: DeserializeOwned>(doc: &Value) -> Result<T, ModelError> {
    T::deserialize(doc).map_err(|e| ModelError::Value {
        type_name: short_type_name(std::any::type_name::<T>()),
        message: e.to_string(),
    })
}

fn require_object(id: EndpointId, doc: &Value) -> Result<(), ModelError> {
    if doc.is_object() {
        return Ok(());
    }
    let found = match doc {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    };
    Err(ModelError::Document {
        endpoint: id,
        message: format!("expected a JSON object, found {found}"),
    })
}

/// `a::b::List<a::C>` → `List<C>`.
fn short_type_name(full: &str) -> String {
    let mut out = String::new();
    let mut segment = String::new();
    let mut chars = full.chars().peekable();
    while let Some(c) = chars.next() {
        if c == ':' && chars.peek() == Some(&':') {
            chars.next();
            segment.clear();
        } else if c.is_alphanumeric() || c == '_' {
            segment.push(c);
        } else {
            out.push_str(&segment);
            segment.clear();
            out.push(c);
        }
    }
    out.push_str(&segment);
    out
}
