/* cart_quiz storage: the one place that reads and writes the reader's saved questions
   (localStorage "cart-my-questions"). cart-quiz.js and cart-my-questions.js both use it, so
   they agree on what can be read, what counts as the same question and what a failure means.

   Rules:
   - The stored value is a JSON list. Anything else (not JSON, or JSON that is not a list:
     an object, a string, a number, null) is "unreadable" and is never overwritten here.
   - Items of the list that are not questions are kept exactly where they are.
   - Two questions are the same when they differ only in spacing, case or final punctuation
     (the rule of same_question_key in my_questions.py).
   - A write that fails says why: "full" (the quota is used up) or "blocked" (the browser
     does not let the site store data). */
(function () {
  "use strict";

  var KEY = "cart-my-questions";
  var BACKUP_KEY = "cart-my-questions-unreadable";
  // What Python's str.split() treats as whitespace (JavaScript's \s differs a little).
  var SPACE = /[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/g;
  var FINAL_PUNCTUATION = /[?.! ]+$/;

  /* Python: " ".join(text.split()).casefold().rstrip("?.! ") */
  function sameQuestionKey(text) {
    var joined = String(text).replace(SPACE, " ").replace(/^ | $/g, "");
    // Upper then lower case folds most of what casefold() does (ß -> ss); casefold() also
    // makes a final sigma a plain one, where toLowerCase() keeps it final.
    return joined.toUpperCase().toLowerCase().replace(/\u03c2/g, "\u03c3")
      .replace(FINAL_PUNCTUATION, "");
  }

  function sameQuestion(a, b) {
    return sameQuestionKey(a) === sameQuestionKey(b);
  }

  function isEntry(item) {
    return item !== null && typeof item === "object" && !Array.isArray(item) &&
      typeof item.text === "string" && item.text.trim() !== "";
  }

  function isQuotaError(error) {
    if (!error) return false;
    var name = String(error.name);
    return name === "QuotaExceededError" || name === "NS_ERROR_DOM_QUOTA_REACHED" ||
      error.code === 22 || error.code === 1014;
  }

  /* The storage area, or null when the browser blocks it. */
  function area() {
    try {
      var storage = window.localStorage;
      if (!storage) return null;
      storage.getItem(KEY);
      return storage;
    } catch (error) {
      return null;
    }
  }

  /* { state: "ok" | "blocked" | "unreadable", entries: [...], raw: string | null }.
     entries holds every item of a readable list, questions or not, in stored order. */
  function read() {
    var storage = area();
    if (!storage) return { state: "blocked", entries: [], raw: null };
    var raw;
    try {
      raw = storage.getItem(KEY);
    } catch (error) {
      return { state: "blocked", entries: [], raw: null };
    }
    if (raw === null || typeof raw !== "string" || raw.trim() === "") {
      return { state: "ok", entries: [], raw: raw };
    }
    var parsed;
    try {
      parsed = JSON.parse(raw);
    } catch (error) {
      return { state: "unreadable", entries: [], raw: raw };
    }
    if (!Array.isArray(parsed)) return { state: "unreadable", entries: [], raw: raw };
    return { state: "ok", entries: parsed, raw: raw };
  }

  /* Store a whole list. Returns null when saved, else "full", "blocked" or "unreadable"
     (the value stored now is not a list, so it is left alone). */
  function save(entries) {
    var current = read();
    if (current.state !== "ok") return current.state;
    var text;
    try {
      text = JSON.stringify(entries);
    } catch (error) {
      return "failed";
    }
    try {
      area().setItem(KEY, text);
      return null;
    } catch (error) {
      return isQuotaError(error) ? "full" : "blocked";
    }
  }

  function contains(entries, text) {
    var wanted = sameQuestionKey(text);
    return entries.some(function (item) {
      return isEntry(item) && sameQuestionKey(item.text) === wanted;
    });
  }

  /* Add one question to what is stored now. Returns "added", "exists", "full", "blocked",
     "unreadable" or "failed"; nothing stored changes unless the answer is "added". */
  function add(entry) {
    if (!isEntry(entry)) return "failed";
    var current = read();
    if (current.state !== "ok") return current.state;
    if (contains(current.entries, entry.text)) return "exists";
    var next = current.entries.slice();
    next.push(entry);
    return save(next) || "added";
  }

  /* The reader saw the unreadable data and chose to start again: keep a copy of it under
     BACKUP_KEY (when there is room), then store an empty list. Returns null when done, else
     "full" or "blocked". */
  function startNew() {
    var storage = area();
    if (!storage) return "blocked";
    try {
      var raw = storage.getItem(KEY);
      if (raw !== null) storage.setItem(BACKUP_KEY, raw);
    } catch (error) {
      // No room for the copy: the page still shows the old data to copy by hand.
    }
    try {
      storage.setItem(KEY, "[]");
      return null;
    } catch (error) {
      return isQuotaError(error) ? "full" : "blocked";
    }
  }

  /* Self-check progress: one key per quiz, PROGRESS_PREFIX + quiz id, holding a JSON object
     { title, page, total, updated, questions: { <question id>: record } }. A record keeps
     the reader's answer (choice indexes or the order of the steps), whether it was right,
     and the words the reader saw, so My progress can list and print it. Nothing is sent.
     A value that is not such an object is "unreadable": it is never overwritten; forgetting
     it keeps a copy under UNREADABLE_PREFIX + quiz id. */
  var PROGRESS_PREFIX = "cart-quiz-progress:";
  var UNREADABLE_PREFIX = "cart-quiz-progress-unreadable:";

  function isProgress(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value) &&
      value.questions !== null && typeof value.questions === "object" &&
      !Array.isArray(value.questions);
  }

  /* { state: "ok" | "blocked" | "unreadable", progress: object | null } */
  function readProgress(quizId) {
    var storage = area();
    if (!storage) return { state: "blocked", progress: null };
    var raw;
    try {
      raw = storage.getItem(PROGRESS_PREFIX + quizId);
    } catch (error) {
      return { state: "blocked", progress: null };
    }
    if (raw === null || raw === "") return { state: "ok", progress: null };
    var parsed;
    try {
      parsed = JSON.parse(raw);
    } catch (error) {
      return { state: "unreadable", progress: null };
    }
    if (!isProgress(parsed)) return { state: "unreadable", progress: null };
    return { state: "ok", progress: parsed };
  }

  /* Store one quiz's progress. Returns null when saved, else "full", "blocked",
     "unreadable" (what is stored now could not be read, so it was left alone) or "failed". */
  function saveProgress(quizId, progress) {
    var current = readProgress(quizId);
    if (current.state !== "ok") return current.state;
    if (!isProgress(progress)) return "failed";
    var text;
    try {
      text = JSON.stringify(progress);
    } catch (error) {
      return "failed";
    }
    try {
      area().setItem(PROGRESS_PREFIX + quizId, text);
      return null;
    } catch (error) {
      return isQuotaError(error) ? "full" : "blocked";
    }
  }

  /* The reader asked to forget one quiz's answers. Unreadable data is copied aside first.
     Returns null when done, else "blocked". */
  function forgetProgress(quizId) {
    var storage = area();
    if (!storage) return "blocked";
    try {
      var raw = storage.getItem(PROGRESS_PREFIX + quizId);
      if (raw === null) return null;
      if (readProgress(quizId).state === "unreadable") {
        try {
          storage.setItem(UNREADABLE_PREFIX + quizId, raw);
        } catch (error) {
          return "full"; // no room for the copy: keep the original rather than lose it
        }
      }
      storage.removeItem(PROGRESS_PREFIX + quizId);
      return null;
    } catch (error) {
      return "blocked";
    }
  }

  /* The ids of every quiz with stored progress, in key order. */
  function progressIds() {
    var storage = area();
    if (!storage) return [];
    var ids = [];
    try {
      for (var i = 0; i < storage.length; i += 1) {
        var key = storage.key(i);
        if (key && key.indexOf(PROGRESS_PREFIX) === 0) ids.push(key.slice(PROGRESS_PREFIX.length));
      }
    } catch (error) {
      return ids;
    }
    return ids.sort();
  }

  /* Forget every quiz's answers. Returns null when all are gone, else the first failure. */
  function forgetAllProgress() {
    if (!area()) return "blocked";
    var failure = null;
    progressIds().forEach(function (quizId) {
      var outcome = forgetProgress(quizId);
      if (outcome && !failure) failure = outcome;
    });
    return failure;
  }

  var api = {
    KEY: KEY,
    PROGRESS_PREFIX: PROGRESS_PREFIX,
    UNREADABLE_PREFIX: UNREADABLE_PREFIX,
    readProgress: readProgress,
    saveProgress: saveProgress,
    forgetProgress: forgetProgress,
    forgetAllProgress: forgetAllProgress,
    progressIds: progressIds,
    read: read,
    save: save,
    add: add,
    startNew: startNew,
    contains: contains,
    isEntry: isEntry,
    sameQuestion: sameQuestion,
    sameQuestionKey: sameQuestionKey,
    isQuotaError: isQuotaError
  };
  try {
    Object.defineProperty(window, "cartStorage", {
      value: Object.freeze(api), configurable: false, enumerable: false, writable: false
    });
  } catch (error) {
    // Already defined (the script was loaded twice): keep the first.
  }
})();
