# gensurvey.awk - writes the demo survey (data/demo/survey.csv): 312
# fictional respondents of the "Online survey of deployed staff". Its own
# random numbers (an LCG) make the output the same with every awk.
#   awk -f data/demo/gensurvey.awk > data/demo/survey.csv
function rnd(n) { seed = (seed * 1103515245 + 12345) % 2147483648; return int(seed / 65536) % n }
function pick(list,   a, k) { k = split(list, a, "|"); return a[rnd(k) + 1] }
function q(s) { gsub(/"/, "\"\"", s); return "\"" s "\"" }
function answer(kind,   s, n) {
	if (rnd(6) == 0) return ""
	if (kind == 1) s = pick(good1) " " pick(good2)
	else if (kind == 2) s = pick(change1) " " pick(change2)
	else s = pick(other)
	n = rnd(5)
	if (n == 0) s = s " " pick(extra)
	else if (n == 1) s = s "\n" pick(extra)
	return q(s)
}
BEGIN {
	seed = 20261005
	nations = "Norway|Poland|Italy|Canada|Romania|Germany|Netherlands|France|Spain|Türkiye|United Kingdom|Estonia"
	roles = "Commander|Staff officer|Legal adviser|Gender adviser|Gender focal point|CIMIC officer|Military police|Patrol leader|Interpreter|Medical officer"
	units = "Brigade HQ|Battalion HQ|Battlegroup|Company|Component command|Training centre"
	good1 = "The gender focal point briefed every patrol before it left the camp.|Weekly liaison with the UN child protection section worked well.|The civil-military cooperation team knew the village elders by name.|Our legal adviser explained the rules on detention of minors clearly.|The pre-deployment training on protection of civilians was practical.|Mixed patrols with female soldiers made it easier to talk to women at the market.|The reporting template for incidents involving children was short and clear.|Having an interpreter from the region helped us understand local fears.|The no-strike list was updated before every operation.|The battalion kept a simple log of displaced families passing the checkpoint."
	good2 = "It built trust quickly.|We should keep doing it.|People came back to talk to us.|It saved time in the operations room.|The mission noticed and thanked us.|Nobody had to ask twice.|It was the best part of the rotation.|"
	change1 = "Reports on grave violations against children went up the chain and nothing came back.|The gender adviser post was empty for five months.|Nobody knew who to call when a survivor of sexual violence came to the gate.|Training on trafficking in human beings was a single slide.|Our SOP annex on cultural property was never used in planning.|Information release took two to three weeks, too late to act.|Handovers between rotations lost the contacts with local NGOs.|The checkpoint had no female searchers at night.|Incident reports asked for the same data three times in different formats.|Interpreters were shared between units and often missing."
	change2 = "Fix the referral pathway first.|Give the focal point real time for the role.|Put it in the operation order, not an annex.|Train the whole staff, not only advisers.|Make one template and stick to it.|Someone should own this at brigade level.|"
	other = "Thank you for asking.|More scenarios with children in the exercise, please.|The survey is too long.|Ask the interpreters, they see more than we do.|Protection of civilians should be everyone's job, not a specialist's.|I did not feel qualified to answer some questions.|Good initiative; share the results with the units.|Our unit had no contact with the UN mission at all.|Women, peace and security still sounds like a slogan to many of us.|Reporting feels like a box-ticking exercise."
	extra = "(Personal view, not the unit's.)|This happened twice during our rotation.|Same problem as on the previous deployment.|Ask the brigade legal adviser for details.|I raised it at the \"lessons\" meeting; no answer yet.|"
	printf "Respondent ID,Nation,Role,Unit type,Years of service"
	split("My unit received enough training on protection of civilians before deployment|I know how to report a grave violation against a child|Our orders say clearly who is responsible for protection of civilians|The gender adviser or focal point is consulted in planning|Incident reports reach the people who can act on them|I know the referral pathway for survivors of sexual violence|Our unit shares information with the UN mission in good time|Cultural property is considered in targeting and route planning|Interpreters are available when we need them|Lessons from earlier rotations reach us before deployment", items, "|")
	for (i = 1; i <= 10; i++) printf ",Q%d. %s", i, items[i]
	printf ",What worked well in protecting civilians during your deployment?,What should change first?,Any other comments?\n"
	for (r = 1; r <= 312; r++) {
		printf "S%04d,%s,%s,%s,%d", r, pick(nations), pick(roles), pick(units), 1 + rnd(30)
		for (i = 1; i <= 10; i++) { v = rnd(12); printf ",%s", v == 0 ? "" : (v < 3 ? 1 : v < 5 ? 2 : v < 8 ? 3 : v < 11 ? 4 : 5) }
		printf ",%s,%s,%s\n", answer(1), answer(2), answer(3)
	}
}
