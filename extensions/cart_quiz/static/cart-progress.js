/* cart_quiz My progress: lists what this browser keeps of the reader's self-checks (read by
   cart-storage.js, window.cartStorage), with a printable view and "Forget my answers".
   Nothing is sent anywhere. Every text is set with textContent, never as HTML. */
(function () {
  "use strict";

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (match, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : match;
    });
  }

  function make(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function sameSite(href) {
    try {
      var url = new URL(href, window.location.href);
      return url.origin === window.location.origin ? url.href : null;
    } catch (error) {
      return null;
    }
  }

  function View(root) {
    this.root = root;
    this.strings = JSON.parse(root.getAttribute("data-cart-strings"));
    this.level = Number(root.getAttribute("data-heading-level")) || 2;
    this.app = root.querySelector(".cart-progress-app");
    this.alert = root.querySelector(".cart-progress-alert");
    this.results = root.querySelector(".cart-progress-results");
    this.saved = root.querySelector(".cart-progress-saved");
    this.printed = root.querySelector(".cart-progress-printed");
    Array.prototype.forEach.call(root.querySelectorAll(".cart-progress-nojs"), function (p) {
      p.hidden = true;
    });
    this.app.hidden = false;
    root.querySelector(".cart-progress-print").addEventListener("click", this.print.bind(this));
    this.forgetButton = root.querySelector(".cart-progress-forget");
    this.confirm = root.querySelector(".cart-progress-confirm");
    this.forgetButton.addEventListener("click", this.ask.bind(this));
    root.querySelector(".cart-progress-confirm-yes").addEventListener("click", this.forget.bind(this));
    root.querySelector(".cart-progress-confirm-no").addEventListener("click", this.cancel.bind(this));
    this.render();
  }

  View.prototype.heading = function (text, extra) {
    return make("h" + Math.min(this.level + (extra || 0), 6), text);
  };

  View.prototype.verdict = function (result) {
    return ({ correct: this.strings.right, incorrect: this.strings.notRight,
      unsure: this.strings.unsure })[result] || this.strings.notRight;
  };

  View.prototype.render = function () {
    var module = window.cartStorage;
    var strings = this.strings;
    var self = this;
    this.results.textContent = "";
    this.saved.textContent = "";
    var problems = [];
    if (!module || typeof module.readProgress !== "function") {
      this.results.appendChild(make("p", strings.blocked));
      return;
    }
    var ids = module.progressIds();
    var shown = 0;
    ids.forEach(function (quizId) {
      var saved;
      try {
        saved = module.readProgress(quizId);
      } catch (error) {
        saved = { state: "blocked", progress: null };
      }
      if (saved.state === "unreadable") {
        problems.push(format(strings.unreadable, { id: quizId }));
        return;
      }
      if (saved.state !== "ok" || !saved.progress) return;
      if (self.renderQuiz(quizId, saved.progress)) shown += 1;
    });
    if (!module.progressIds().length && module.readProgress("x").state === "blocked") {
      problems.push(strings.blocked);
    }
    if (!shown) this.results.appendChild(make("p", strings.none, "cart-progress-none"));
    if (problems.length) this.alert.textContent = problems.join(" ");
    this.renderSaved(module);
  };

  View.prototype.renderQuiz = function (quizId, progress) {
    var strings = this.strings;
    var questions = progress.questions;
    var records = Object.keys(questions).map(function (key) { return questions[key]; })
      .filter(function (record) { return record && typeof record === "object"; })
      .sort(function (a, b) { return (Number(a.number) || 0) - (Number(b.number) || 0); });
    if (!records.length) return false;
    var total = Number(progress.total) || records.length;
    var right = records.filter(function (record) { return record.result === "correct"; }).length;
    var section = make("section", null, "cart-progress-quiz");
    var title = typeof progress.title === "string" && progress.title ? progress.title : quizId;
    var heading = this.heading(title);
    heading.id = "cart-progress-" + quizId.replace(/[^A-Za-z0-9_-]/g, "-");
    section.setAttribute("aria-labelledby", heading.id);
    section.appendChild(heading);
    var facts = make("p", null, "cart-progress-facts");
    facts.appendChild(make("strong", records.length >= total ? strings.done : strings.notDone));
    facts.appendChild(document.createTextNode(" · " +
      format(strings.score, { score: right, total: total }) + " · " +
      format(strings.answered, { answered: records.length, total: total })));
    section.appendChild(facts);
    var page = typeof progress.page === "string" ? sameSite(progress.page) : null;
    if (page) {
      var open = make("p", null, "cart-progress-open");
      var link = make("a", strings.open);
      link.href = page;
      open.appendChild(link);
      section.appendChild(open);
    }
    var list = make("ol", null, "cart-progress-questions");
    var review = [];
    var self = this;
    records.forEach(function (record) {
      var item = make("li");
      if (record.number) item.value = Number(record.number);
      item.appendChild(make("p", record.prompt, "cart-progress-prompt"));
      var answer = make("p", null, "cart-progress-answer");
      answer.appendChild(make("strong", strings.yourAnswer));
      var answers = Array.isArray(record.answers) ? record.answers.map(String) : [];
      // Steps in the reader's order read as a sequence; chosen options as a list.
      var joiner = Array.isArray(record.order) ? " → " : "; ";
      answer.appendChild(document.createTextNode(" " + answers.join(joiner) + " "));
      answer.appendChild(make("span", "(" + self.verdict(record.result) + ")",
        "cart-progress-verdict cart-progress-verdict--" + (record.result || "incorrect")));
      item.appendChild(answer);
      list.appendChild(item);
      if (record.result !== "correct" && record.learn && typeof record.learn.href === "string") {
        var href = sameSite(record.learn.href);
        if (href && !review.some(function (r) { return r.href === href; })) {
          review.push({ href: href, text: String(record.learn.text || href) });
        }
      }
    });
    section.appendChild(list);
    if (review.length) {
      section.appendChild(make("p", strings.review, "cart-progress-review-intro"));
      var reviewList = make("ul", null, "cart-progress-review");
      review.forEach(function (entry) {
        var li = make("li");
        var a = make("a", entry.text);
        a.href = entry.href;
        li.appendChild(a);
        reviewList.appendChild(li);
      });
      section.appendChild(reviewList);
    }
    this.results.appendChild(section);
    return true;
  };

  View.prototype.renderSaved = function (module) {
    var strings = this.strings;
    this.saved.appendChild(this.heading(strings.savedHeading));
    var current;
    try {
      current = module.read();
    } catch (error) {
      current = { state: "blocked", entries: [] };
    }
    if (current.state === "unreadable") {
      this.saved.appendChild(make("p", strings.savedUnreadable));
      return;
    }
    var entries = current.entries.filter(module.isEntry);
    if (!entries.length) {
      this.saved.appendChild(make("p", strings.savedNone));
      return;
    }
    var list = make("ul", null, "cart-progress-saved-list");
    entries.forEach(function (entry) { list.appendChild(make("li", entry.text)); });
    this.saved.appendChild(list);
  };

  View.prototype.print = function () {
    this.render();
    this.printed.textContent = format(this.strings.printed,
      { date: new Date().toLocaleDateString(document.documentElement.lang || undefined) });
    window.print();
  };

  /* One key press must not wipe every answer: ask first, with the focus on the question. */
  View.prototype.ask = function () {
    this.confirm.hidden = false;
    this.confirm.querySelector(".cart-progress-confirm-yes").focus();
  };

  View.prototype.cancel = function () {
    this.confirm.hidden = true;
    this.forgetButton.focus();
  };

  View.prototype.forget = function () {
    this.confirm.hidden = true;
    this.forgetButton.focus();
    var module = window.cartStorage;
    var outcome = "blocked";
    if (module && typeof module.forgetAllProgress === "function") {
      try {
        outcome = module.forgetAllProgress();
      } catch (error) {
        outcome = "blocked";
      }
    }
    this.render();
    this.alert.textContent = outcome ? this.strings.forgetFailed : this.strings.forgotten;
  };

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll(".cart-progress"), function (root) {
      new View(root); // eslint-disable-line no-new
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
