"""Decision quality targets (brief + LABELLING.md) on the labelled corpora.

dev.jsonl was used to tune the rules. extra.jsonl was written before any tuning;
holdout*.jsonl were each written after a tuning round and measured once before the
next round (their first-run figures are in the policy report); holdout12 was the last.
fresh1-3.jsonl were written and measured before policy 2026.11-2; fresh4-15.jsonl were
written in rounds during it, each measured once on the rules of the moment before any
rule was changed for it (the first-run figures are in the policy report).
fresh16-18 were measured once on 2026.11-2 before the 2026.11-3 structural rules;
fresh19-20, fresh21 and fresh22 were each measured once on 2026.11-3 rules as they stood.

blind1-6.jsonl (240 posts) were written by someone who never saw the rules, the
lexicons or the earlier test posts, only LABELLING.md and the guidance, and no rule
was ever changed after looking at them. Measured on 2026.11-3 (1c652dd): journalise
0.919/0.942, delete 0.936/0.936, review 7.1 %; on 2026.11-4: journalise 0.942/0.942,
delete 0.952/0.952, review 5.4 %; on 2026.11-5: journalise 0.935/0.958, delete
0.952/0.952, review 5.8 %. blind7-12.jsonl (240 more, by a second blind writer, written
while 2026.11-5 was tuned) measured on 2026.11-3: journalise 0.939/0.908, delete
0.956/0.903; on 2026.11-4: 0.939/0.908, 0.957/0.917; on 2026.11-5: 0.940/0.924,
0.945/0.958, review 5.0 %. They are the honest figure for unseen posts.
blind13-20.jsonl (320 posts, two more blind writers) were written while 2026.11-6 was
tuned and measured, in aggregate only, on 2026.11-5 and on the final rules; blind21-24
(160, a fifth writer) were written after every rule and the word model were fixed and
measured once. On 2026.11-5 -> 2026.11-6 with the word model: blind13-16 journalise
0.934/0.934 -> 0.926/0.987, blind17-20 0.944/0.985 -> 0.932/1.000, blind21-24 0.846/0.965 ->
0.836/0.982 (delete 0.892/0.971 -> 0.868/0.971, review 6.9 % -> 8.1 %); all 960 blind posts
0.925/0.950 -> 0.919/0.977, delete 0.931/0.957 -> 0.914/0.964, review 4.8 % -> 6.2 %.

Policy 2026.11-4 (each file written after the previous round, measured once on the rules
as they stood, then used to choose rule families; figures: journalise P/R, delete P/R,
review rate):

- fresh23, measured on 2026.11-3: journalise 0.909/0.909, delete 1.000/1.000, review 10.0 %;
  after round 1 of 2026.11-4: 1.000/1.000, 1.000/1.000, 0.0 %.
- fresh24, measured on 2026.11-4 round 1 (145ea6a): journalise 0.947/0.818, delete
  0.909/1.000, review 2.5 %; one labelling error fixed after measuring (fresh24-0025, the
  writer's own property valuation asked about, first labelled general, now case as
  hold7-0035); after round 2: 1.000/1.000, 1.000/1.000, 0.0 %.
- fresh25, measured on 2026.11-4 round 2 (9a6c562): journalise 0.955/1.000, delete
  0.909/0.909, review 10.0 %; after round 3: 1.000/1.000, 1.000/1.000, 2.5 %.
- fresh26, measured on 2026.11-4 round 3 (5571dac): journalise 1.000/1.000, delete
  1.000/0.900, review 15.0 %; after round 4: 1.000/1.000, 1.000/1.000, 2.5 %.
- fresh27, measured on 2026.11-4 round 4 (f93aa47): journalise 0.947/0.857, delete
  0.889/0.800, review 15.0 %; after round 5: 1.000/1.000, 0.909/1.000, 5.0 %.
- fresh28, measured on 2026.11-4 round 5 (c311493): journalise 0.944/0.810, delete
  0.889/0.889, review 10.0 %; after round 6: 1.000/1.000, 1.000/1.000, 0.0 %.
- fresh29, measured on 2026.11-4 round 6 (f9242d5): journalise 1.000/0.762, delete
  1.000/1.000, review 2.5 %; after round 7: 1.000/0.952, 1.000/1.000, 2.5 %.
- fresh30, measured on 2026.11-4 round 7 (910962c): journalise 0.870/0.952, delete
  0.800/0.889, review 22.5 %; after round 8: 1.000/1.000, 0.900/1.000, 0.0 %.
- fresh31, measured on 2026.11-4 round 8 (37661f6): journalise 0.900/0.900, delete
  0.917/1.000, review 7.5 %; after round 9: 1.000/1.000, 1.000/1.000, 2.5 %.
- fresh32, measured on 2026.11-4 round 9 (a95e204): journalise 1.000/0.905, delete
  0.900/0.818, review 5.0 %; one labelling error fixed after round 11 (fresh32-0026: a
  neighbour's need for a stair lift is health data, so delete); after round 10:
  1.000/1.000, 0.909/0.909, 0.0 %.
- fresh33, measured on 2026.11-4 round 10 (a68f13e): journalise 0.909/0.952, delete
  0.667/0.800, review 15.0 %; one labelling error fixed after measuring (fresh33-0027: a
  mother's plejebolig plans are health data, so delete); after round 11: 1.000/1.000,
  1.000/1.000, 5.0 %.
- fresh34, measured on 2026.11-4 round 11 (c53c663): journalise 1.000/0.905, delete
  1.000/0.889, review 7.5 %; after round 12: 1.000/1.000, 1.000/1.000, 0.0 %.
- fresh35, measured on 2026.11-4 round 12 (79560df): journalise 0.955/1.000, delete
  0.818/1.000, review 15.0 %; after round 13: 1.000/1.000, 0.818/1.000, 2.5 % (the two
  false deletes come from personal-data detection: children and medicine mentioned).
- fresh36, measured on 2026.11-4 round 13 (d85f252): journalise 1.000/0.762, delete
  1.000/0.778, review 7.5 %; after round 14: 1.000/1.000, 1.000/1.000, 10.0 %.
- fresh37, measured on 2026.11-4 round 14 (600f04d): journalise 1.000/0.955, delete
  1.000/1.000, review 7.5 %; after round 15: 1.000/1.000, 1.000/1.000, 0.0 %.
- fresh38, measured on 2026.11-4 round 15 (e7bde1f): journalise 0.938/0.714, delete
  1.000/1.000, review 10.0 %; after round 16: 1.000/1.000, 1.000/1.000, 5.0 %.
- fresh39, measured on 2026.11-4 round 16 (c116be1): journalise 0.905/0.905, delete
  0.900/1.000, review 5.0 %; after round 17: 1.000/1.000, 1.000/1.000, 0.0 %.
- fresh40 and fresh41 (80 posts, written as a holdout for the round-17 rules), measured
  once on 2026.11-4 round 17 (f26120b): journalise 0.923/0.857, delete 1.000/0.900,
  review 3.75 % (fresh40 0.944/0.810, 1.000/0.900, 5.0 %; fresh41 0.905/0.905,
  1.000/0.900, 2.5 %); then used for round 18: 0.977/1.000, 1.000/1.000, 1.25 %.
- fresh42 and fresh43 (80 posts, written after round 18 as a holdout), measured
  once on the round-18 rules (0b7f5c9):
  journalise 1.000/0.952, delete 0.947/0.947, review 6.25 % (fresh42 1.000/0.952,
  1.000/1.000, 7.5 %; fresh43 1.000/0.952, 0.889/0.889, 5.0 %); then used for round 19:
  1.000/1.000, 0.950/1.000, 0.0 %.
- fresh44 (the final holdout, written after round 19), measured once on the final
  2026.11-4 rules (df93a2a) and not used to change any rule: journalise 0.955/1.000,
  delete 1.000/1.000, review 7.5 % (on 2026.11-3 the same posts score 0.900/0.857,
  1.000/1.000, 15.0 %).
Pooled, they guard against a rules change that only helps dev.

Policy 2026.11-5 (structural families: own-statement frames + a question or request, a
relative as subject or with sensitive data + a question, the writer blocked by a service,
an insult or contempt at an identifiable employee with an incident). Each file written
before its round and measured once on the rules as they stood (journalise P/R, delete
P/R, review rate):

- fresh45, measured on 2026.11-4 (85dc916): journalise 0.944/0.708, delete 1.000/0.875,
  review 2.5 %; after round 1: 0.958/0.958, 1.000/0.938, 12.5 %.
- fresh46, measured on 2026.11-5 round 1 (3f2ea3a): journalise 0.870/0.909, delete
  0.800/0.923, review 5.0 %; three labelling errors fixed after measuring (0008, 0018:
  complaints about the writer's own fine / case handling are deleted; 0017: a
  childminder's illness is health data); after round 2: 0.880/1.000, 1.000/0.938, 10.0 %.
- fresh47, measured on round 2 (ef970b6): journalise 0.950/0.792, delete 0.909/0.667,
  review 12.5 %; after round 3: 1.000/0.875, 1.000/0.733, 12.5 %.
- fresh48, measured on round 3 (a71c696): journalise 0.826/0.905, delete 0.867/0.929,
  review 2.5 %; one labelling error fixed (0032: a complaint's reply is redirect); after
  round 4: 0.870/0.952, 0.867/0.929, 0.0 %.
- fresh49, measured on round 4 (a0c8450): journalise 0.952/0.870, delete 0.857/0.857,
  review 7.5 %; after round 5: 0.955/0.913, 0.857/0.857, 10.0 %.
- fresh50 (the final holdout), measured once on the final 2026.11-5 rules (f837d50) and
  not used to change any rule: journalise 0.957/1.000, delete 0.938/0.938, review 5.0 %
  (on 2026.11-4 the same posts score 0.955/0.955, 0.938/0.938, 5.0 %).

Policy 2026.11-6 (three more writers who saw only LABELLING.md, the guidance and dev.jsonl
wrote 160 posts each; each batch was measured once on the rules as they stood, then used
to choose rule families):

- fresh51-54, measured on 2026.11-5: journalise 0.945/0.881, delete 0.800/0.824, review
  3.1 %; after round 1: 0.983/1.000, 0.811/0.882 (0.914/0.941 after the PII lexicon fixes).
- fresh55-58, measured on round 1 (75af55c): journalise 0.877/0.962, delete 0.912/0.969,
  review 3.8 %; after round 2: 0.963/1.000, 0.914/1.000 (0.970/1.000 after the PII fixes).
- fresh59-62, measured on round 2 with the PII fixes (e701307): journalise 0.918/0.982,
  delete 0.951/0.929, review 4.4 %; after round 3: 0.983/1.000, 0.951/0.929, review 3.1 %.

Policy 2026.11-7 (five more writers, 160 posts each, same conditions; each batch measured
once on the rules as they stood, then used; after the round the word model was retrained
on all 4,020 own posts, so "after" figures are on the retrained model):

- fresh71-74 and fresh79-82, measured on 2026.11-6 (e1c3afe): journalise 0.918/0.944 and
  0.827/0.957, delete 0.936/0.863 and 0.878/0.878, review 3.8 % and 10.6 %; after:
  0.957/0.944 and 0.907/0.971, delete 0.940/0.922 and 0.885/0.939.
- fresh75-78, measured on round 1 (bd04a94): journalise 0.929/0.956, delete 0.940/0.959,
  review 3.1 %; after: 0.970/0.956, 0.960/0.980.
- fresh67-70, measured on round 2 (5e53259): journalise 0.847/1.000, delete 0.857/0.960,
  review 6.9 %; after: 0.911/1.000, 0.857/0.960.
- fresh63-66, measured on round 3 (c3ec686): journalise 0.872/0.944, delete 0.922/0.887,
  review 9.4 %; after: 0.896/0.958, 0.943/0.943.

blind25-28 (160 posts, a sixth blind writer, written while 2026.11-7 was tuned) were
measured once at the end: journalise 0.896/0.958, delete 0.904/0.904, review 4.4 %; all
1,120 blind posts 0.919/0.975, delete 0.910/0.957, review 5.9 % (blind1-24: 0.923/0.977,
delete 0.911/0.968; on 2026.11-6 0.919/0.977, 0.914/0.964). One choice was made with the
blind figures visible: a round-2 change that kept the word model from overriding political
or trolling readings (0 of 4 overrides right on fresh71-82) cost blind1-24 journalise
recall 0.977 -> 0.968, and was reverted.
A second round used fresh83-86 and fresh87-90, measured once on the rules as they stood
(2c6bc81): journalise 0.908/0.945 and 0.872/0.919, delete 0.929/0.912 and 0.889/0.923;
after: 0.921/0.959 and 0.887/0.959, delete 0.945/0.912 and 0.891/0.942. blind29-32 (160, a
seventh blind writer) were measured once at the very end: journalise 0.886/0.986, delete
0.904/0.940, review 9.4 %; all 1,280 blind posts 0.916/0.978, delete 0.909/0.955, review
6.3 %. A last review then narrowed two threat and offer terms that could misfire on
everyday phrases ("jeg ved godt hvor travlt I har"); measured after: all blind posts
0.915/0.978, delete 0.909/0.955, review 6.4 % (blind29-32 unchanged).

Policy 2026.11-8 (eight more writers, fresh91-130, 160 posts each, same conditions; each
batch measured once on the rules as they stood, then used; the word model was retrained as
the sets grew, last on 5,940 own posts). First runs (journalise P/R, delete P/R):
fresh91-94 0.932/0.944, 0.922/0.959; fresh95-98 0.877/0.986, 0.895/0.962; fresh99-102
0.877/1.000, 0.863/0.898; fresh103-106 0.961/0.987, 0.961/0.961 (all four on 600bac6);
fresh111-114 0.921/1.000, 0.900/0.978 (aba1c81); fresh115-118 0.855/0.956, 0.957/0.957;
fresh107-110 0.900/1.000, 0.860/1.000 (7e4e4ca); fresh119-122 0.853/0.985, 0.898/0.898
(6eefa5f); fresh123-126 0.959/0.986, 0.836/0.958 and fresh127-130 0.957/0.957,
0.843/0.896 (5754201). Most of the round went to trolling and politics (hide recall on
the first runs 0.55-0.82). blind33-40 (320 posts, two more blind writers) were measured
once at the end (b4faf88): journalise 0.907/0.971, delete 0.929/0.929, review 3.4 %; the
1,280 older blind posts 0.915/0.978 -> 0.921/0.978, delete 0.909/0.955 unchanged, hide
recall 0.613 -> 0.713, escalate recall 0.705 -> 0.771; all 1,600 blind posts
0.918/0.976, delete 0.913/0.949, review 5.6 %.

Policy 2026.11-9 (eleven more writers, fresh131-178 less fresh171-174, 160 posts each,
same conditions, each batch measured once on the rules as they stood, then used; the word
model last retrained on 7,700 own posts). First runs (journalise P/R, delete P/R):
fresh131-134 0.945/1.000, 0.895/0.911; fresh135-138 0.883/0.971, 0.959/0.887;
fresh139-142 0.959/0.959, 0.922/0.959; fresh143-146 0.867/1.000, 0.906/0.960 (all four on
55a72af); fresh159-162 0.933/1.000, 0.956/0.915 and fresh147-150 0.946/0.986, 0.885/0.958
(2deb9c4); fresh151-154 0.901/0.986, 0.896/0.896 and fresh155-158 0.957/0.971,
0.936/0.936 (9e6ab5c); fresh167-170 0.957/0.971, 0.907/0.942 (4f7fccb); fresh163-166
0.877/0.973, 0.845/0.980 (f1eb55c); fresh175-178 0.910/0.973, 0.902/0.920 (2fa15b0).
blind41-48 (320 posts, two more blind writers, written at the start of the round) were
measured once at the end (35db762): journalise 0.940/0.986, delete 0.883/0.980, review
5.3 %. The 1,600 older blind posts 0.918/0.976 -> 0.928/0.979, delete 0.913/0.949 ->
0.921/0.954, hide recall 0.694 -> 0.731, escalate recall 0.739 -> 0.756; all 1,920 blind
posts 0.930/0.980, delete 0.914/0.958, review 5.4 %. A last writer of the round (job centre
and social services) delivered after the rules were frozen; the 160 posts were measured
once on the final rules and kept as blind49-52: journalise 0.932/1.000, delete
0.833/0.980. All 2,080 blind posts: 0.930/0.982, delete 0.906/0.960, review 5.2 %.

2026.11-10 (640 more posts, four writers: health and care, a normal week, parents and
pupils, the fine lines of deletion). First runs: fresh187-190 0.947/0.986, 0.875/0.980
(0b4d4c9); fresh183-186 0.882/0.957, 0.880/0.898 (124bb73); fresh191-194 0.918/0.944,
0.896/0.956 (5808e2a); fresh179-182 0.903/0.915, 0.923/0.960 (8429dd9); the four after
the round 0.920/0.975, delete 0.901/0.990. blind53-56 (a thirteenth blind writer, written
at the start of the session) were measured once on the final rules: journalise
0.959/0.986, delete 0.902/0.958, review 5.0 %. The 2,080 older blind posts move from
0.930/0.982, delete 0.906/0.960 to 0.931/0.981, delete 0.907/0.964 (blind1-40 0.929/0.978,
delete 0.922/0.958); all 2,240 blind posts:
0.933/0.981, delete 0.906/0.963, hide recall 0.700, escalate recall 0.767, review 5.1 %.
Own sets (8,340 posts, tuned on): 0.957/0.989, delete 0.932/0.977, review 3.8 %.

2026.11-11 (one writer, 160 posts on the fine lines of deletion, second round; the other
writers of the session delivered nothing). PII first (named persons' convictions and
addictions, a child named with an age, conditions owned in the next sentence). First runs:
fresh195-196 0.970/0.941, delete 0.828/0.923 (0ca74e9); fresh197-198 0.872/0.971, delete
0.958/0.821 (de9b475); the four after the round 0.918/0.971, delete 0.897/0.963. A second
writer given the same brief delivered late, after the rules were frozen (b694efb): the 160
posts were measured once and kept as blind57-60 (ids x6a-x6d): journalise 0.899/0.973,
delete 0.946/0.981, review 6.2 %. A writer on comment threads under the page's own posts
delivered later still; kept as blind61-64 (ids v9a-v9d), measured once on the same rules:
0.945/0.986, delete 0.943/0.943, review 4.4 %. The session's 320 unseen posts: 0.921/0.979,
delete 0.945/0.963. All 2,560 blind posts: 0.931/0.981, delete 0.911/0.964, review 5.1 %.
Own sets (8,500 posts): 0.957/0.988, delete 0.931/0.982, review 3.8 %. A third late writer
(elderly care, disability, social matters) was measured once on the final rules (fe6a045)
and kept as blind65-68 (ids v7a-v7d): 0.911/0.973, delete 0.889/0.980, review 5.6 %. All
2,720 blind posts: 0.930/0.980, delete 0.909/0.965, review 5.1 %.

2026.11-12 (three writers: health and children in passing, everyday services, and two blind
writers). A delete model (the word model's maths trained on which public posts are deleted,
asked only when a word for a person is present; a confident post is deleted for review).
Five-fold over the own posts: delete 0.932/0.983 -> 0.912/0.988, review 3.7 -> 4.5 %. First
runs: fresh211 0.850/1.000, delete 0.857/1.000 (92d45ec); fresh215-218 0.937/1.000, delete
0.979/0.979 (0.979/0.958 without the delete model; 211a562); fresh212-214 0.927/0.981,
delete 0.878/1.000 (0.897/0.972 without; 780a731). blind69-72 and blind73-74 (two blind
writers of the round) measured once on the frozen rules (8a3716b): 0.885/0.958, delete
0.904/0.959, review 8.8 %, and 0.923/1.000, delete 0.862/1.000, review 7.5 %; the delete model
found none of their missed deletions. All 2,960 blind posts: 0.927/0.980, delete
0.895/0.985 (0.909/0.966 without the delete model), review 6.4 %. The older blind sets were
looked at in aggregate while the delete model was designed. Own sets (8,820 posts):
0.958/0.990, delete 0.927/0.992, review 4.1 %.

2026.11-13 (eight writers; three blind). The journalise model now also decides where the
rules are unsure: below 0.2 it proposes "not journalised" for a review-band post (still for
review), at 0.8 or more it settles the review band's lean (no review), and it is asked at 0.9
about posts a rule argued against (not a rule question). Five-fold by file over the own
posts (tools/cross_validate.py): 0.954/0.987 -> 0.962/0.988, review 4.6 -> 3.6 %, deletions
unchanged. First runs of the round's fresh writers (each 160, measured once before use):
0.912/1.000 (fresh227-230), 0.943/0.988 (fresh219-222), 0.965/0.976 (fresh231-234),
0.932/0.988 (fresh239-242), 0.965/0.988 (fresh235-238). blind75-80 (three blind writers of
the round, ids z5-z6, za) measured on c6b4423 and, once more, on the frozen rules (0c882b5):
0.919/1.000, delete 0.928/0.963, review 11.2 % (15.8 % before the model settled the review
band). The older 2,960 blind posts: 0.927/0.980 -> 0.948/0.984, delete 0.895/0.985 ->
0.912/0.985, review 6.4 -> 4.6 %; they were looked at in aggregate while the model's new
uses were designed. All 3,200 blind posts: 0.945/0.986, delete 0.913/0.983, review 5.1 %.
Own sets (9,780 posts): 0.972/0.992, delete 0.935/0.991, review 3.0 %.

2026.11-14 (twenty-four writers; eight blind). Two more uses of the journalise model: a post
only the model journalises, with no rule against it, is journalised without review at 0.9; a
journalisation the rules decided on thin evidence (confidence < 0.8) is proposed as not
journalised, for review, below 0.1. The review band's doubt moved 0.2 -> 0.4 and its settling
0.8 -> 0.7; the journalise model's bar 0.7 -> 0.65, the delete model's 0.7 -> 0.6. Five-fold
over the own posts: 0.962/0.986 -> 0.972/0.985, delete 0.918/0.988 -> 0.909/0.989, review 3.8
-> 4.2 %. First runs of the sixteen fresh writers (fresh243-306, 160 each, measured once before
use): journalise 0.933-0.989 / 0.940-1.000, delete 0.812-0.947 / 0.962-1.000, review 2.5-8.1 %.
blind81-90 (five blind writers of the round, ids zg, zm) measured once on the rules frozen
mid-round (405589c): 0.966/0.976, delete 0.875/0.984, review 5.8 %. blind91-96 (three late
blind writers, ids zr) measured once on the final rules (349bb80): 0.992/0.992, delete
0.868/1.000, review 3.3 %. All 3,840 blind posts: 0.967/0.987, delete 0.905/0.985, review
4.8 %. Own sets (12,340 posts): 0.983/0.991, delete 0.929/0.993, review 3.3 %.

2026.11-15 (twelve writers; six blind). A tree the storm felled and ice are no failed service;
a public complaint is deleted only when its own-matter evidence reaches 0.9
(``complaint_delete_floor``; it was the review floor, 0.5); insults pointed at one person
("den kælling", an employee named by role) are hidden inside a complaint; threat idioms in
their families, "send dem hjem", sales and loan adverts; the compiled build no longer adds a
child named twice ("Vores Sofie på 7") as two. First runs of the nine fresh writers
(fresh307-342, measured once before use): journalise 0.892-1.000 / 0.976-1.000, delete
0.818-0.962 / 0.942-1.000, review 3.8-8.8 %. blind97-102 (three blind writers, ids zw)
measured once on the rules mid-round (c07cb1c): 0.976/0.976, delete 0.930/1.000, review
5.8 %. blind103-108 (three more, ids yb, written after that) measured once on the final rules
(0cd4ef1): 0.984/0.992, delete 0.975/1.000, review 3.8 %. All 4,320 blind posts: 0.971/0.986,
delete 0.916/0.987, review 4.9 %. Own sets (13,780 posts): 0.982/0.991, delete 0.933/0.994,
review 3.6 %; five-fold 0.973/0.985, delete 0.911/0.988, review 4.4 %.
"""

from __future__ import annotations

from typing import Any

from sojournal.policy import evaluate


def test_targets_on_dev(dev_records: list[dict[str, Any]]) -> None:
    rep = evaluate(dev_records)
    j, delete = rep.binary["journalise"], rep.binary["remove=delete"]
    assert j.recall >= 0.98, j.misses
    assert j.precision >= 0.92, j.misses
    assert delete.recall >= 0.98, delete.misses
    assert rep.review_rate <= 0.10


def test_targets_hold_on_posts_written_for_this_project(
    own_records: list[dict[str, Any]],
) -> None:
    rep = evaluate(own_records)
    assert rep.total >= 500
    j = rep.binary["journalise"]
    assert j.recall >= 0.98, j.misses
    assert j.precision >= 0.92, j.misses
    # Deletion of sensitive general posts depends on the pii detectors as well.
    assert rep.binary["remove=delete"].recall >= 0.90, rep.binary["remove=delete"].misses
    assert rep.review_rate <= 0.10
