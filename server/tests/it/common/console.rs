//! Console helpers: operators created through the CLI, and a browser-like client (cookie jar,
//! no redirects followed) signed in over real HTTP.

use std::process::Stdio;

use tokio::io::AsyncWriteExt;

use super::{kyra_command, TestApp, TestDb};

/// A password long enough for the console's rule.
pub const PASSWORD: &str = "correct horse battery staple";

/// Runs a `kyra` command with `input` on its standard input; returns (success, stdout, stderr).
pub async fn kyra_with_stdin(db: &TestDb, args: &[&str], input: &str) -> (bool, String, String) {
    let mut child = kyra_command(db, args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run kyra");
    let mut stdin = child.stdin.take().expect("stdin");
    stdin
        .write_all(input.as_bytes())
        .await
        .expect("write stdin");
    drop(stdin);
    let out = child.wait_with_output().await.expect("kyra output");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Creates an operator of `tenant` with [`PASSWORD`]; returns its id.
pub async fn create_operator(db: &TestDb, tenant: &str, email: &str, role: &str) -> String {
    let (ok, stdout, stderr) = kyra_with_stdin(
        db,
        &[
            "users",
            "create",
            "--tenant",
            tenant,
            "--email",
            email,
            "--role",
            role,
            "--password-stdin",
            "--json",
        ],
        &format!("{PASSWORD}\n"),
    )
    .await;
    assert!(ok, "users create failed: {stderr}");
    let created: serde_json::Value = serde_json::from_str(stdout.trim()).expect("json");
    created["id"].as_str().expect("operator id").to_owned()
}

/// A browser of one operator: its cookie jar and the CSRF token of its session.
pub struct Browser {
    pub http: reqwest::Client,
    pub base: String,
    pub csrf: String,
}

impl Browser {
    pub fn new(app: &TestApp) -> Browser {
        Browser {
            http: reqwest::Client::builder()
                .cookie_store(true)
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .expect("client"),
            base: app.server.base.clone(),
            csrf: String::new(),
        }
    }

    /// Posts the sign-in form; returns the response.
    pub async fn try_sign_in(&self, email: &str, password: &str) -> reqwest::Response {
        self.http
            .post(format!("{}/console/login", self.base))
            .form(&[("email", email), ("password", password)])
            .send()
            .await
            .expect("sign in")
    }

    /// Signs in (asserting success) and picks up the session's CSRF token.
    pub async fn sign_in(app: &TestApp, email: &str) -> Browser {
        let mut browser = Browser::new(app);
        let response = browser.try_sign_in(email, PASSWORD).await;
        assert_eq!(
            response.status(),
            303,
            "sign-in refused: {:?}",
            response.text().await
        );
        let (status, page) = browser.get("/console").await;
        assert_eq!(status, 200, "{page}");
        browser.csrf = csrf_of(&page).expect("a signed-in page carries a CSRF token");
        browser
    }

    pub async fn get(&self, path: &str) -> (u16, String) {
        let response = self
            .http
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .expect("get");
        let status = response.status().as_u16();
        (status, response.text().await.expect("body"))
    }

    /// Posts a form with this session's CSRF token added.
    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let mut form: Vec<(&str, &str)> = vec![("csrf", self.csrf.as_str())];
        form.extend_from_slice(fields);
        self.http
            .post(format!("{}{path}", self.base))
            .form(&form)
            .send()
            .await
            .expect("post")
    }
}

/// The value of the first `csrf` hidden field of a page.
pub fn csrf_of(page: &str) -> Option<String> {
    let at = page.find("name=\"csrf\" value=\"")? + "name=\"csrf\" value=\"".len();
    Some(page[at..].split('"').next()?.to_owned())
}
