/* cart_quiz: a question set of the educator's own.

   On the quiz catalogue: counts the ticked questions and turns the set form's button into a
   short link to copy (`quiz-set.html?q=<quiz-id>/<question-id>,...`). Without this script
   the form still works: it opens the set page with one `q` per question.

   On the set page: the page holds every question of every quiz, hidden. This script runs
   before cart-quiz.js (deferred scripts run in order) and keeps the questions the link names,
   in its order, numbered afresh, in one self-check that cart-quiz.js then scores as usual;
   `view=worksheet` or `view=answers` shows the set on paper instead, each question's
   worksheet or answer-key item made from its widget (the page does not hold them twice more).
   Nothing is sent anywhere. */
(function () {
  "use strict";

  var ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
  var VIEWS = ["quiz", "worksheet", "answers"];
  var MOST = 300; // questions one link may name; the site has far fewer

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (match, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : match;
    });
  }

  function stringsOf(node) {
    try {
      var parsed = JSON.parse(node.getAttribute("data-cart-set-strings") || "{}");
      return parsed && typeof parsed === "object" ? parsed : {};
    } catch (error) {
      return {};
    }
  }

  function make(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* "a/b" keys in the order given, each once: from `q=a/b,c/d` or `q=a/b&q=c/d`. */
  function requestedKeys(params) {
    var seen = Object.create(null);
    var keys = [];
    params.getAll("q").forEach(function (value) {
      value.split(",").forEach(function (part) {
        var key = part.trim();
        if (!key || seen[key] || keys.length >= MOST) return;
        seen[key] = true;
        keys.push(key);
      });
    });
    return keys;
  }

  function setLink(base, keys, view) {
    var query = "q=" + keys.map(function (key) {
      return encodeURIComponent(key).replace(/%2F/gi, "/");
    }).join(",");
    if (view && view !== "quiz") query += "&view=" + view;
    return base + "?" + query;
  }

  /* ---- The catalogue ---- */

  function Picker(form) {
    this.form = form;
    this.strings = stringsOf(form);
    this.count = form.querySelector(".cart-set-count");
    this.result = form.querySelector(".cart-set-result");
    this.base = form.getAttribute("action") || "";
    var self = this;
    document.addEventListener("change", function (event) {
      if (event.target && event.target.classList &&
          event.target.classList.contains("cart-set-pick")) self.update();
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      self.make();
    });
  }

  Picker.prototype.chosen = function () {
    var boxes = document.querySelectorAll("input.cart-set-pick");
    return Array.prototype.filter.call(boxes, function (box) { return box.checked; })
      .map(function (box) { return box.value; });
  };

  Picker.prototype.update = function () {
    var count = this.chosen().length;
    var s = this.strings;
    this.count.textContent = count === 0 ? s.chosenNone :
      count === 1 ? s.chosenOne : format(s.chosen || "", { count: count });
  };

  Picker.prototype.make = function () {
    var keys = this.chosen();
    var s = this.strings;
    if (!keys.length) {
      this.count.textContent = s.chosenNone;
      this.result.hidden = true;
      return;
    }
    var link = setLink(this.base, keys, "quiz");
    this.result.textContent = "";
    var label = make("label", "cart-set-link-label", s.linkLabel);
    label.setAttribute("for", "cart-set-link");
    var field = make("input", "cart-set-link");
    field.id = "cart-set-link";
    field.type = "text";
    field.readOnly = true;
    field.value = new URL(link, document.baseURI).href;
    var copy = make("button", "cart-set-copy", s.copy);
    copy.type = "button";
    var self = this;
    copy.addEventListener("click", function () { self.copy(field); });
    var views = make("p", "cart-set-open");
    [["quiz", s.open], ["worksheet", s.worksheet], ["answers", s.answers]].forEach(
      function (pair, index) {
        if (index) views.appendChild(document.createTextNode(" · "));
        var anchor = make("a", "", pair[1]);
        anchor.href = setLink(self.base, keys, pair[0]);
        views.appendChild(anchor);
      });
    this.result.appendChild(label);
    this.result.appendChild(field);
    this.result.appendChild(copy);
    this.result.appendChild(views);
    this.result.hidden = false;
    this.update();
    this.count.textContent += " " + s.linkReady;
    field.focus();
    field.select();
  };

  Picker.prototype.copy = function (field) {
    var s = this.strings;
    var count = this.count;
    var done = function () { count.textContent = s.copied; };
    var failed = function () { count.textContent = s.copyFailed; field.select(); };
    try {
      if (navigator.clipboard && typeof navigator.clipboard.writeText === "function") {
        navigator.clipboard.writeText(field.value).then(done, failed);
        return;
      }
      field.select();
      if (document.execCommand("copy")) done(); else failed();
    } catch (error) {
      failed();
    }
  };

  /* ---- The set page ---- */

  function findQuestion(root, key) {
    var parts = key.split("/");
    if (parts.length !== 2 || !ID.test(parts[0]) || !ID.test(parts[1])) return null;
    var section = root.querySelector('.cart-set-pool .cart-quiz[data-quiz-id="' + parts[0] + '"]');
    if (!section) return null;
    var fieldset = document.getElementById("quiz-" + parts[0] + "-" + parts[1]);
    if (!fieldset || !section.contains(fieldset) || !fieldset.classList.contains("cart-question")) {
      return null;
    }
    return { key: key, section: section, fieldset: fieldset };
  }

  /* The text of `node`, copied (links and glossary terms kept), after `before`. */
  function copied(node, tag, before) {
    var copy = make(tag, "", before);
    copy.append.apply(copy, node.cloneNode(true).childNodes);
    return copy;
  }

  /* A question's worksheet item, as worksheet.py writes it: the prompt, "Choose all that
     apply." (multiple choice) or "Number the steps..." (ordering), then each option with
     "( )", "[ ]" or a blank to write the step's number on. */
  function worksheetItem(question, s) {
    var fieldset = question.fieldset;
    var item = make("li");
    item.appendChild(copied(fieldset.querySelector(".cart-question-prompt"), "p"));
    var note = fieldset.querySelector(".cart-question-note");
    var ordering = fieldset.getAttribute("data-question-type") === "ordering";
    if (note) item.appendChild(make("p", "", note.textContent));
    if (ordering) item.appendChild(make("p", "", s.numberSteps));
    var list = item.appendChild(make("ul", "simple"));
    fieldset.querySelectorAll(ordering ? ".cart-step-text" : ".cart-choice-label")
      .forEach(function (text) {
        var input = ordering ? null : document.getElementById(text.getAttribute("for"));
        var box = !input ? "____ " : input.type === "checkbox" ? "[ ] " : "( ) ";
        list.appendChild(make("li")).appendChild(copied(text, "p", box));
      });
    return item;
  }

  /* A question's answer key: its prompt, then what its "Show answer" holds (the verdict and
     feedback of each answer, the explanation, Learn more, the question for the team). */
  function answerKey(question) {
    var item = make("li");
    var parts = question.fieldset.querySelectorAll(".cart-question-prompt, .cart-answer-body");
    item.appendChild(copied(parts[0], "p")).className = "cart-answer-prompt";
    var body = parts[1].cloneNode(true);
    body.querySelectorAll(".cart-your-answer").forEach(function (node) { node.remove(); });
    item.append.apply(item, body.childNodes);
    return item;
  }

  function shown(key) {
    var text = key.length > 60 ? key.slice(0, 60) + "…" : key;
    return "“" + text + "”";
  }

  function buildSet(root) {
    var s = stringsOf(root);
    var params = new URLSearchParams(window.location.search);
    var view = params.get("view");
    if (VIEWS.indexOf(view) < 0) view = "quiz";
    var keys = requestedKeys(params);
    var found = [];
    var unknown = [];
    keys.forEach(function (key) {
      var question = findQuestion(root, key);
      if (question) found.push(question); else unknown.push(key);
    });

    var needs = root.querySelector(".cart-set-needs-script");
    if (needs) needs.hidden = true;
    var status = root.querySelector(".cart-set-status");
    var messages = [];
    if (!keys.length) messages.push(s.empty);
    else if (!found.length) messages.push(s.none);
    if (unknown.length) {
      var listed = unknown.slice(0, 10).map(shown).join(", ");
      if (unknown.length > 10) listed += ", …";
      messages.push(format(s.unknown || "", { ids: listed }));
    }
    status.textContent = messages.join(" ");

    if (found.length) {
      var title = found.length === 1 ? s.titleOne : format(s.title || "", { count: found.length });
      var heading = root.querySelector(".cart-set-title");
      var shownTitle = view === "worksheet" ? format(s.worksheetTitle, { title: title }) :
        view === "answers" ? format(s.answersTitle, { title: title }) : title;
      heading.textContent = shownTitle;
      heading.hidden = false;
      document.title = shownTitle + " | " + document.title;
      showViews(root, s, keys, found, view);
      if (view === "quiz") buildQuiz(root, s, found, heading);
      else buildPaper(root, s, found, view);
    }
    var pool = root.querySelector(".cart-set-pool");
    if (pool) pool.remove();
  }

  function showViews(root, s, keys, found, view) {
    var nav = root.querySelector(".cart-set-views");
    var list = make("ul");
    var names = found.map(function (question) { return question.key; });
    var base = window.location.pathname.split("/").pop() || "";
    [["quiz", s.selfCheck], ["worksheet", s.worksheet], ["answers", s.answers]].forEach(
      function (pair) {
        var item = make("li");
        var anchor = make("a", "", pair[1]);
        anchor.href = setLink(base, names, pair[0]);
        if (pair[0] === view) anchor.setAttribute("aria-current", "page");
        item.appendChild(anchor);
        list.appendChild(item);
      });
    nav.appendChild(list);
    if (view !== "quiz") {
      var print = make("button", "cart-set-print", s.print);
      print.type = "button";
      print.addEventListener("click", function () { window.print(); });
      nav.appendChild(print);
    }
    nav.hidden = false;
  }

  function buildQuiz(root, s, found, heading) {
    var template = found[0].section;
    var section = make("section", "cart-quiz cart-set-quiz");
    section.setAttribute("data-quiz-id", "set");
    // The strings the page's first quiz carries for all of them.
    section.setAttribute("data-cart-strings", root.querySelector(".cart-quiz[data-cart-strings]")
      .getAttribute("data-cart-strings"));
    section.setAttribute("aria-labelledby", heading.id);
    var privacy = template.querySelector(".cart-quiz-privacy");
    if (privacy) section.appendChild(privacy.cloneNode(true));
    found.forEach(function (question, index) {
      var number = question.fieldset.querySelector(".cart-question-number");
      if (number) {
        number.textContent = format(s.number, { number: index + 1, total: found.length });
      }
      section.appendChild(question.fieldset);
    });
    section.appendChild(template.querySelector(".cart-quiz-footer").cloneNode(true));
    var pool = root.querySelector(".cart-set-pool");
    root.insertBefore(section, pool);
  }

  function buildPaper(root, s, found, view) {
    var paper = root.querySelector(".cart-set-paper");
    root.classList.add("cart-set-on-paper");
    var list = make("ol", "cart-set-sheet");
    found.forEach(function (question) {
      list.appendChild(view === "worksheet" ? worksheetItem(question, s) : answerKey(question));
    });
    if (view === "worksheet") {
      Array.prototype.forEach.call(paper.querySelectorAll(".cart-name-line, .cart-set-sheet-help"),
        function (node) { node.hidden = false; });
    }
    paper.classList.add("cart-printable--" + view);
    paper.appendChild(list);
    paper.hidden = false;
  }

  function start() {
    var form = document.getElementById("cart-set-form");
    if (form) new Picker(form); // eslint-disable-line no-new
    var root = document.querySelector(".cart-quiz-set");
    if (root) buildSet(root);
  }

  /* Deferred: the page is parsed, and cart-quiz.js has not started yet. */
  start();
})();
