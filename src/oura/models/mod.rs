//! Serde models of Oura API v2 documents (OpenAPI 1.41), one file per endpoint family.
//! Types are named after the 1.41 schemas (`PublicModifiedSleepModel`, …); the 1.27
//! names remain as aliases.
//!
//! The models are for reading values in views; the store keeps each document's raw
//! JSON. They are tolerant: unknown fields are ignored, optional fields may be absent,
//! and enums keep values they do not know (`Other(String)`). Field names are the spec's
//! property names (Rust keywords renamed, e.g. `type` → `kind`). Two fields 1.41 requires
//! are optional because documents sent before 1.41 lack them: cardiovascular age `id`
//! and heartrate `timestamp_unix`.

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

pub use activity::{PublicActivityContributors, PublicDailyActivity};
pub use common::{
    parse_day, parse_timestamp, ErrorBody, ListResponse, PublicSample, TimeSeriesResponse,
    Timestamp, ValidationError,
};
pub use heart_health::{PublicDailyCardiovascularAge, PublicVO2Max};
pub use heartrate::{HeartRateResponse, PublicHeartRateRow, PublicHeartRateSource};
pub use personal_info::PersonalInfoResponse;
pub use readiness::{PublicDailyReadiness, PublicReadinessContributors};
pub use rest_mode::{PublicRestModeEpisode, PublicRestModePeriod};
pub use ring_battery::PublicRingBatteryLevelRow;
pub use ring_configuration::{
    PublicRingColor, PublicRingConfiguration, PublicRingDesign, PublicRingHardwareType,
};
pub use session::{PublicMomentMood, PublicMomentType, PublicSession};
pub use sleep::{
    PublicDailySleep, PublicModifiedSleepModel, PublicReadiness, PublicSleepAlgorithmVersion,
    PublicSleepAnalysisReason, PublicSleepContributors, PublicSleepType,
};
pub use sleep_time::{
    PublicSleepTime, PublicSleepTimeRecommendation, PublicSleepTimeStatus, PublicSleepTimeWindow,
};
pub use spo2::{PublicDailySpO2, PublicSpo2AggregatedValues};
pub use stress::{
    DailyResilienceModel, LongTermResilienceLevel, PublicDailyStress, PublicDailyStressSummary,
    ResilienceContributors,
};
pub use tag::{EnhancedTagModel, TagModel};
pub use workout::{PublicWorkout, PublicWorkoutIntensity, PublicWorkoutSource};

/// The 1.27 names of the types (before Oura renamed its schemas), kept so code written
/// against them still compiles. The same types: prefer the 1.41 names.
pub use self::{
    PublicActivityContributors as ActivityContributors, PublicDailyActivity as DailyActivityModel,
    PublicDailyCardiovascularAge as DailyCardiovascularAgeModel,
    PublicDailyReadiness as DailyReadinessModel, PublicDailySleep as DailySleepModel,
    PublicDailySpO2 as DailySpO2Model, PublicDailyStress as DailyStressModel,
    PublicDailyStressSummary as DailyStressSummary, PublicHeartRateRow as HeartRateModel,
    PublicHeartRateSource as HeartRateSource, PublicModifiedSleepModel as SleepModel,
    PublicMomentMood as MomentMood, PublicMomentType as MomentType,
    PublicReadiness as ReadinessSummary, PublicReadinessContributors as ReadinessContributors,
    PublicRestModeEpisode as RestModeEpisode, PublicRestModePeriod as RestModePeriodModel,
    PublicRingColor as RingColor, PublicRingConfiguration as RingConfigurationModel,
    PublicRingDesign as RingDesign, PublicRingHardwareType as RingHardwareType,
    PublicSample as SampleModel, PublicSession as SessionModel,
    PublicSleepAlgorithmVersion as SleepAlgorithmVersion,
    PublicSleepAnalysisReason as SleepAnalysisReason, PublicSleepContributors as SleepContributors,
    PublicSleepTime as SleepTimeModel, PublicSleepTimeRecommendation as SleepTimeRecommendation,
    PublicSleepTimeStatus as SleepTimeStatus, PublicSleepTimeWindow as SleepTimeWindow,
    PublicSleepType as SleepType, PublicSpo2AggregatedValues as DailySpO2AggregatedValuesModel,
    PublicVO2Max as VO2MaxModel,
};

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
    DailySleep => PublicDailySleep,
    Sleep => PublicModifiedSleepModel,
    DailyReadiness => PublicDailyReadiness,
    DailyActivity => PublicDailyActivity,
    Workout => PublicWorkout,
    Session => PublicSession,
    DailyStress => PublicDailyStress,
    DailyResilience => DailyResilienceModel,
    DailyCardiovascularAge => PublicDailyCardiovascularAge,
    DailySpo2 => PublicDailySpO2,
    Vo2Max => PublicVO2Max,
    Heartrate => PublicHeartRateRow,
    SleepTime => PublicSleepTime,
    Tag => TagModel,
    EnhancedTag => EnhancedTagModel,
    PersonalInfo => PersonalInfoResponse,
    RingConfiguration => PublicRingConfiguration,
    RestModePeriod => PublicRestModePeriod,
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
