//! The order script: a small shop's orders are placed, later paid, now and then refunded.

use std::collections::VecDeque;
use std::ops::RangeInclusive;
use std::time::Duration;

use serde::Serialize;

use super::script::{DemoEvent, Script, Step, between, pick};
use super::stream::DemoStream;

/// The event type of this script.
const EVENT_TYPE: &str = "order";
/// The gap between two order events, at real-time pace.
const GAP: RangeInclusive<Duration> = Duration::from_secs(1)..=Duration::from_secs(3);
/// How many placed orders wait for their payment at most; the oldest is forgotten.
const UNPAID_KEPT: usize = 8;

const CUSTOMERS: [&str; 8] = [
    "Ada Lovelace",
    "Grace Hopper",
    "Alan Turing",
    "Katherine Johnson",
    "Linus Pauling",
    "Hedy Lamarr",
    "Edsger Dijkstra",
    "Barbara Liskov",
];
const CURRENCIES: [&str; 4] = ["EUR", "EUR", "USD", "GBP"];

/// One order of the shop.
#[derive(Debug, Clone)]
struct Order {
    id: String,
    customer: &'static str,
    items: u32,
    total_cents: u64,
    currency: &'static str,
}

/// Plays orders: mostly new ones (`placed`), payments of earlier ones (`paid`), some refunds.
#[derive(Debug)]
pub(crate) struct Orders {
    next_number: u64,
    unpaid: VecDeque<Order>,
    last_paid: Option<Order>,
}

impl Orders {
    fn place(&mut self, rng: &mut fastrand::Rng) -> DemoEvent {
        let items = rng.u32(1..=5);
        let order = Order {
            id: format!("ord_{}", self.next_number),
            customer: pick(rng, &CUSTOMERS),
            items,
            total_cents: (0..items).map(|_| rng.u64(499..=8_999)).sum(),
            currency: pick(rng, &CURRENCIES),
        };
        self.next_number += 1;
        let event = order_event(
            &order,
            "placed",
            format!("New order {} from {}", order.id, order.customer),
            format!("{} item(s), {}", order.items, amount(&order)),
        );
        if self.unpaid.len() == UNPAID_KEPT {
            self.unpaid.pop_front();
        }
        self.unpaid.push_back(order);
        event
    }
}

impl Script for Orders {
    const STREAM: DemoStream = DemoStream::Orders;

    fn new(rng: &mut fastrand::Rng) -> Self {
        Orders {
            next_number: rng.u64(10_000..20_000),
            unpaid: VecDeque::with_capacity(UNPAID_KEPT),
            last_paid: None,
        }
    }

    fn step(&mut self, rng: &mut fastrand::Rng) -> Step {
        let roll = rng.u8(..100);
        let event = if roll < 25 && !self.unpaid.is_empty() {
            let order = self
                .unpaid
                .swap_remove_front(rng.usize(..self.unpaid.len()));
            order.map(|order| {
                let event = order_event(
                    &order,
                    "paid",
                    format!("Order {} paid", order.id),
                    format!("{} received from {}", amount(&order), order.customer),
                );
                self.last_paid = Some(order);
                event
            })
        } else if roll < 30 {
            self.last_paid.take().map(|order| {
                order_event(
                    &order,
                    "refunded",
                    format!("Order {} refunded", order.id),
                    format!("{} returned to {}", amount(&order), order.customer),
                )
            })
        } else {
            None
        };
        Step {
            after: between(rng, GAP),
            event: event.unwrap_or_else(|| self.place(rng)),
        }
    }
}

/// `84.97 EUR`.
fn amount(order: &Order) -> String {
    format!(
        "{}.{:02} {}",
        order.total_cents / 100,
        order.total_cents % 100,
        order.currency
    )
}

/// The JSON data of an `order` event.
#[derive(Serialize)]
struct OrderPayload<'a> {
    id: &'a str,
    customer: &'a str,
    /// In major units with two decimals, as shops show it: 84.97.
    total: f64,
    currency: &'a str,
    items: u32,
    status: &'a str,
    title: String,
    message: String,
}

fn order_event(order: &Order, status: &str, title: String, message: String) -> DemoEvent {
    let payload = OrderPayload {
        id: &order.id,
        customer: order.customer,
        total: order.total_cents as f64 / 100.0,
        currency: order.currency,
        items: order.items,
        status,
        title,
        message,
    };
    DemoEvent::json(EVENT_TYPE, &payload)
}
