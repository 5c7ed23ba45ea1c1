//! Test support: an in-process server, a minimal raw HTTP/1.1 client (so truncated
//! bodies and odd requests are observed exactly as sent) and the OpenAPI validator.
#![allow(dead_code)]

pub mod schema;

use clap::Parser;
use oura_sim::{Args, Sim};
use serde_json::Value;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

pub const TOKEN: &str = "test-token";
pub const END: &str = "2025-03-31";

pub struct Server {
    pub addr: SocketAddr,
    pub sim: Arc<Sim>,
}

/// Starts a simulator on an ephemeral port with the given extra flags (plus
/// `--end-date 2025-03-31 --token test-token` unless given).
pub async fn start(extra: &[&str]) -> Server {
    let mut argv = vec!["oura-sim", "--port", "0"];
    if !extra.contains(&"--end-date") {
        argv.extend(["--end-date", END]);
    }
    if !extra.contains(&"--days") {
        argv.extend(["--days", "20"]);
    }
    if !extra.contains(&"--hr-per-day") {
        argv.extend(["--hr-per-day", "100"]);
    }
    argv.extend(["--token", TOKEN]);
    argv.extend(extra);
    let args = Args::try_parse_from(&argv).expect("valid test flags");
    let sim = Arc::new(Sim::new(args));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let s2 = sim.clone();
    tokio::spawn(async move {
        let _ = oura_sim::serve(listener, s2).await;
    });
    Server { addr, sim }
}

#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Resp {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }
}

impl Server {
    pub async fn raw(
        &self,
        method: &str,
        target: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> Resp {
        request(self.addr, method, target, headers, body).await
    }
    /// GET with the test token.
    pub async fn get(&self, target: &str) -> Resp {
        let auth = format!("Bearer {TOKEN}");
        self.raw("GET", target, &[("Authorization", &auth)], b"")
            .await
    }
    pub async fn get_noauth(&self, target: &str) -> Resp {
        self.raw("GET", target, &[], b"").await
    }
    pub async fn post_json(&self, target: &str, body: &str) -> Resp {
        self.raw(
            "POST",
            target,
            &[("Content-Type", "application/json")],
            body.as_bytes(),
        )
        .await
    }
}

pub async fn request(
    addr: SocketAddr,
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Resp {
    let mut s = TcpStream::connect(addr).await.expect("connect");
    let mut req = format!("{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    if !body.is_empty() || method == "POST" {
        req.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    req.push_str("\r\n");
    let mut bytes = req.into_bytes();
    bytes.extend_from_slice(body);
    s.write_all(&bytes).await.expect("write");
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).await.expect("read");
    parse_response(&buf)
}

fn parse_response(buf: &[u8]) -> Resp {
    let split = buf
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no header end in {:?}", String::from_utf8_lossy(buf)));
    let head = String::from_utf8_lossy(&buf[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or("");
    let status: u16 = status_line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("bad status line {status_line}"));
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let raw = &buf[split + 4..];
    let chunked = headers
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    let body = if chunked { dechunk(raw) } else { raw.to_vec() };
    if let Some((_, cl)) = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
    {
        assert_eq!(
            cl.parse::<usize>().ok(),
            Some(body.len()),
            "content-length mismatch"
        );
    }
    Resp {
        status,
        headers,
        body,
    }
}

fn dechunk(mut raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(pos) = raw.windows(2).position(|w| w == b"\r\n") {
        let size =
            usize::from_str_radix(String::from_utf8_lossy(&raw[..pos]).trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        let start = pos + 2;
        out.extend_from_slice(&raw[start..start + size]);
        raw = &raw[start + size + 2..];
    }
    out
}

/// Every page of a list endpoint, following next_token (asserting no token repeats).
pub async fn fetch_pages(srv: &Server, first_url: &str) -> Vec<Value> {
    let mut pages = Vec::new();
    let mut url = first_url.to_string();
    let mut seen_tokens = std::collections::HashSet::new();
    loop {
        let r = srv.get(&url).await;
        assert_eq!(r.status, 200, "{url}: {}", r.text());
        let v = r.json();
        let next = v["next_token"].as_str().map(str::to_string);
        pages.push(v);
        match next {
            Some(t) => {
                assert!(seen_tokens.insert(t.clone()), "token repeated");
                let base = first_url.split('?').next().unwrap_or("");
                let q = first_url.split_once('?').map(|x| x.1).unwrap_or("");
                let sep = if q.is_empty() { "" } else { "&" };
                url = format!("{base}?{q}{sep}next_token={t}");
            }
            None => break,
        }
    }
    pages
}

/// Every document of a list endpoint (all pages), plus the number of pages.
pub async fn fetch_all(srv: &Server, first_url: &str) -> (Vec<Value>, usize) {
    let pages = fetch_pages(srv, first_url).await;
    let n = pages.len();
    let docs = pages
        .into_iter()
        .flat_map(|p| p["data"].as_array().cloned().unwrap_or_default())
        .collect();
    (docs, n)
}
