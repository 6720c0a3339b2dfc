//! The deploy script: a service starts rolling out to staging or production, and a few
//! seconds later the rollout succeeds, fails or is rolled back.

use std::ops::RangeInclusive;
use std::time::Duration;

use serde::Serialize;

use super::script::{DemoEvent, Script, Step, between, pick};
use super::stream::DemoStream;

/// The event type of this script.
const EVENT_TYPE: &str = "deploy";
/// How long a rollout takes, at real-time pace.
const ROLLOUT: RangeInclusive<Duration> = Duration::from_secs(3)..=Duration::from_secs(6);
/// The quiet time between the end of one rollout and the start of the next. With the rollout,
/// about two events every 11 s: mostly under the default burst limit (3 notifications per 10 s),
/// so most deploys show on their own and only a close pair of rollouts folds.
const BETWEEN_ROLLOUTS: RangeInclusive<Duration> = Duration::from_secs(4)..=Duration::from_secs(10);
/// Percent of rollouts that fail outright; as many again are rolled back.
const FAILURE_PERCENT: u8 = 12;

const SERVICES: [&str; 6] = [
    "checkout", "search", "billing", "auth", "catalog", "notifier",
];
const PEOPLE: [&str; 5] = ["alice", "bob", "chen", "dana", "emeka"];
const FAILURES: [&str; 4] = [
    "Health check /healthz returned 503 on 2 of the new pods",
    "Image pull failed: manifest unknown",
    "Migration 0042_add_order_index timed out after 300 s",
    "Readiness probe failed: connection refused on port 8080",
];

/// A rollout under way.
#[derive(Debug, Clone)]
struct Rollout {
    service: &'static str,
    version: String,
    previous: String,
    env: &'static str,
    pods: u32,
}

/// Plays deploys: `started`, then `succeeded`, `failed` or `rolled_back`.
#[derive(Debug, Default)]
pub(crate) struct Deploys {
    /// The current `[major, minor, patch]` of each service seen so far.
    versions: Vec<(&'static str, [u32; 3])>,
    rollout: Option<Rollout>,
}

impl Deploys {
    /// The version to roll out for `service`, and the one it replaces.
    fn next_version(&mut self, service: &'static str, rng: &mut fastrand::Rng) -> (String, String) {
        let index = match self.versions.iter().position(|(name, _)| *name == service) {
            Some(index) => index,
            None => {
                self.versions
                    .push((service, [rng.u32(1..4), rng.u32(0..20), rng.u32(0..10)]));
                self.versions.len() - 1
            }
        };
        let version = &mut self.versions[index].1;
        let previous = format_version(*version);
        if rng.u8(..4) == 0 {
            *version = [version[0], version[1] + 1, 0];
        } else {
            version[2] += 1;
        }
        (format_version(*version), previous)
    }

    fn start(&mut self, rng: &mut fastrand::Rng) -> DemoEvent {
        let service = pick(rng, &SERVICES);
        let (version, previous) = self.next_version(service, rng);
        let env = if rng.u8(..10) < 6 {
            "staging"
        } else {
            "production"
        };
        let rollout = Rollout {
            service,
            version,
            previous,
            env,
            pods: rng.u32(2..=12),
        };
        let event = deploy_event(
            &rollout,
            "started",
            format!(
                "Deploying {} {} to {}",
                rollout.service, rollout.version, rollout.env
            ),
            format!(
                "Rolling out to {} pods (triggered by {})",
                rollout.pods,
                pick(rng, &PEOPLE)
            ),
        );
        self.rollout = Some(rollout);
        event
    }

    fn finish(rollout: &Rollout, rng: &mut fastrand::Rng) -> DemoEvent {
        let roll = rng.u8(..100);
        let Rollout {
            service,
            version,
            previous,
            env,
            pods,
        } = rollout;
        if roll < FAILURE_PERCENT {
            deploy_event(
                rollout,
                "failed",
                format!("Deploy of {service} {version} to {env} failed"),
                pick(rng, &FAILURES).to_owned(),
            )
        } else if roll < 2 * FAILURE_PERCENT {
            deploy_event(
                rollout,
                "rolled_back",
                format!("{service} rolled back to {previous} on {env}"),
                format!(
                    "Error rate rose to {}.{}% after the rollout of {version}",
                    rng.u8(3..15),
                    rng.u8(0..10)
                ),
            )
        } else {
            deploy_event(
                rollout,
                "succeeded",
                format!("{service} {version} is live on {env}"),
                format!("{pods}/{pods} pods healthy after {} s", rng.u32(20..180)),
            )
        }
    }
}

fn format_version([major, minor, patch]: [u32; 3]) -> String {
    format!("{major}.{minor}.{patch}")
}

/// The JSON data of a `deploy` event.
#[derive(Serialize)]
struct DeployPayload<'a> {
    service: &'a str,
    version: &'a str,
    env: &'a str,
    status: &'a str,
    title: String,
    message: String,
}

fn deploy_event(rollout: &Rollout, status: &str, title: String, message: String) -> DemoEvent {
    let payload = DeployPayload {
        service: rollout.service,
        version: &rollout.version,
        env: rollout.env,
        status,
        title,
        message,
    };
    DemoEvent::json(EVENT_TYPE, &payload)
}

impl Script for Deploys {
    const STREAM: DemoStream = DemoStream::Deploys;

    fn new(_rng: &mut fastrand::Rng) -> Self {
        Deploys::default()
    }

    fn step(&mut self, rng: &mut fastrand::Rng) -> Step {
        match self.rollout.take() {
            Some(rollout) => Step {
                after: between(rng, ROLLOUT),
                event: Self::finish(&rollout, rng),
            },
            None => Step {
                after: between(rng, BETWEEN_ROLLOUTS),
                event: self.start(rng),
            },
        }
    }
}
